import { SideMenuExtension } from "@blocknote/core";
import {
  BasicTextStyleButton,
  BlockTypeSelect,
  blockTypeSelectItems,
  CreateLinkButton,
  DragHandleMenu,
  FileCaptionButton,
  FileReplaceButton,
  FormattingToolbar,
  FormattingToolbarController,
  NestBlockButton,
  RemoveBlockItem,
  SideMenu,
  SideMenuController,
  UnnestBlockButton,
  useBlockNoteEditor,
  useComponentsContext,
  useDictionary,
  useExtensionState,
} from "@blocknote/react";
import type { ReactNode } from "react";

/** "Move up" / "Move down" in the drag handle's menu: moving a block without a mouse. */
function MoveBlockItem({ direction, children }: { direction: "up" | "down"; children: ReactNode }) {
  const Components = useComponentsContext();
  const editor = useBlockNoteEditor();
  const block = useExtensionState(SideMenuExtension, { editor, selector: (state) => state?.block });
  if (!Components || block === undefined) return null;
  return (
    <Components.Generic.Menu.Item
      className="bn-menu-item"
      onClick={() => (direction === "up" ? editor.moveBlocksUp(block.id) : editor.moveBlocksDown(block.id))}
    >
      {children}
    </Components.Generic.Menu.Item>
  );
}

/** The drag handle's menu: delete or move the block (no colours: Markdown has none). */
function IntroDragHandleMenu() {
  return (
    <DragHandleMenu>
      <RemoveBlockItem>Delete</RemoveBlockItem>
      <MoveBlockItem direction="up">Move up</MoveBlockItem>
      <MoveBlockItem direction="down">Move down</MoveBlockItem>
    </DragHandleMenu>
  );
}

function IntroSideMenu() {
  return <SideMenu dragHandleMenu={IntroDragHandleMenu} />;
}

/** Text styles Markdown can express, block types without toggles, links and image captions. */
function IntroFormattingToolbar() {
  const dictionary = useDictionary();
  const items = blockTypeSelectItems(dictionary).filter((item) => !item.props?.isToggleable);
  return (
    <FormattingToolbar>
      <BlockTypeSelect key="blockTypeSelect" items={items} />
      <FileCaptionButton key="fileCaptionButton" />
      <FileReplaceButton key="replaceFileButton" />
      <BasicTextStyleButton basicTextStyle="bold" key="boldStyleButton" />
      <BasicTextStyleButton basicTextStyle="italic" key="italicStyleButton" />
      <BasicTextStyleButton basicTextStyle="strike" key="strikeStyleButton" />
      <BasicTextStyleButton basicTextStyle="code" key="codeStyleButton" />
      <NestBlockButton key="nestBlockButton" />
      <UnnestBlockButton key="unnestBlockButton" />
      <CreateLinkButton key="createLinkButton" />
    </FormattingToolbar>
  );
}

/**
 * The editor's menus in place of BlockNote's defaults: the side menu (drag handle, and its
 * menu to delete or move a block) and a formatting toolbar limited to what Markdown keeps.
 * The `/` menu stays BlockNote's own: its items already follow the intro's schema.
 */
export function IntroEditorMenus() {
  return (
    <>
      <SideMenuController sideMenu={IntroSideMenu} />
      <FormattingToolbarController formattingToolbar={IntroFormattingToolbar} />
    </>
  );
}
