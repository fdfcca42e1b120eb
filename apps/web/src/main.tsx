import { createQueryClient, queryKeys, SettingsQueryProvider } from "@homebase/settings-kit";
import { UiProvider } from "@homebase/ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";
import { assertUniqueSections } from "./nav/build-nav";
import { createRouter } from "./router";
import { sections } from "./sections";

assertUniqueSections(sections);

const queryClient = createQueryClient({
  // A request answered 401 after sign-in means the session ended: reload the viewer,
  // whose 401 then sends the user to /login and back here afterwards.
  onUnauthorized: () => {
    if (queryClient.getQueryData(queryKeys.viewer)) void queryClient.resetQueries({ queryKey: queryKeys.viewer });
  },
});
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
