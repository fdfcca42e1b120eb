import { SettingsQueryProvider } from "@homebase/settings-kit";
import { UiProvider } from "@homebase/ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";
import { assertUniqueSections, findSection } from "./nav/build-nav";
import { createShellQueryClient } from "./query-client";
import { createRouter } from "./router";
import { sections } from "./sections";
import { preloadSection } from "./settings/section-code";

assertUniqueSections(sections);

// Opened straight on a section: fetch its code while the shell asks who the viewer is, not after.
const opened = findSection(sections, /^\/settings\/([^/]+)/.exec(window.location.pathname)?.[1]);
if (opened) preloadSection(opened);

const queryClient = createShellQueryClient();
const router = createRouter();

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <UiProvider>
      <SettingsQueryProvider client={queryClient}>
        <RouterProvider router={router} />
      </SettingsQueryProvider>
    </UiProvider>
  </StrictMode>,
);
