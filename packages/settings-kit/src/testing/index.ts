/**
 * `@homebase/settings-kit/testing`: the test kit of a settings section — render the page as the
 * shell does (`renderSection`), answer the typed client from a double of the HTTP boundary
 * (`mockApi`, `problem`), and build a viewer (`makeViewer`), a profile (`makeMe`) and API keys
 * (`makeApiKey`, with times from `daysFrom`). Use it with the Vitest preset
 * `@homebase/settings-kit/vitest`. Test code only: never import it from `src/` outside tests.
 */

export {
  type ApiKeyFixture,
  daysFrom,
  type MySettingsFixture,
  makeApiKey,
  makeMe,
  makeMySettings,
} from "./fixtures";
export {
  type ApiCall,
  type ApiDouble,
  type ApiHandler,
  type ApiHandlers,
  type ApiInput,
  type ApiOutput,
  type ApiRequest,
  type ApiRoute,
  mockApi,
  problem,
} from "./mock-api";
export { makeViewer, type RenderedSection, type RenderSectionOptions, renderSection } from "./render-section";
export { sectionEntryProblems } from "./section-entry";
