import { SettingsQueryProvider } from "@homebase/settings-kit";
import { UiProvider } from "@homebase/ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";
import { assertUniqueSections } from "./nav/build-nav";
import { createShellQueryClient } from "./query-client";
import { createRouter } from "./router";
import { sections } from "./sections";

assertUniqueSections(sections);

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
