import { isSectionVisible } from "@homebase/settings-kit";
import { SectionHeader } from "@homebase/ui";
import { Anchor, Text } from "@mantine/core";
import { Link, useParams } from "react-router";
import { findSection } from "../nav/build-nav";
import { sections } from "../sections";
import { useDocumentTitle } from "../use-document-title";
import { SectionView } from "./section-view";
import { useSettingsOutlet } from "./shell-context";

function SectionNotFound() {
  useDocumentTitle("Not found · Settings · Homebase");
  return (
    <>
      <SectionHeader title="Section not found" description="There is no settings section at this address for you." />
      <Text>
        It may have moved, or it belongs to a beta feature that is off.{" "}
        <Anchor component={Link} to="/settings" underline="always">
          Go to your settings
        </Anchor>
        .
      </Text>
    </>
  );
}

/** /settings/:section — the registered section at that path, if the viewer may see it. */
export function SectionRoute() {
  const { section: path } = useParams();
  const { ctx } = useSettingsOutlet();
  const section = findSection(sections, path);
  if (!section || !isSectionVisible(section, ctx)) return <SectionNotFound />;
  // Keyed by id: moving to another section starts a fresh boundary and Suspense.
  return <SectionView key={section.id} section={section} />;
}
