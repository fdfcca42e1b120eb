import type { Me } from "@homebase/settings-kit";
import { errorMessage } from "@homebase/settings-kit";
import { ErrorBoundary, SettingsCard } from "@homebase/ui";
import { Alert, Button, Group, Text, VisuallyHidden } from "@mantine/core";
import { type DragEvent, lazy, Suspense, useEffect, useRef, useState } from "react";
import { useRemoveAvatar, useUploadAvatar } from "../use-profile";
import classes from "./avatar-card.module.css";
import { AVATAR_ACCEPT, avatarFileProblem, sniffImageType } from "./avatar-file";
import { ProfileAvatar } from "./profile-avatar";

const loadRemoveDialog = () => import("./remove-avatar-dialog");
const RemoveAvatarDialog = lazy(loadRemoveDialog);
function preloadRemoveDialog() {
  // A failed download is reported when the dialog is opened.
  loadRemoveDialog().catch(() => {});
}

interface Pending {
  file: File;
  /** The format the file's bytes announce: sent as its Content-Type. */
  type: string;
  /** An object URL for the preview, revoked when the preview goes. */
  url: string;
}

function hasFiles(event: DragEvent) {
  return Array.from(event.dataTransfer.types).includes("Files");
}

/**
 * The profile picture: click or drop an image, see it before saving, then Save or Cancel;
 * Remove asks first. Wrong types and files over 5 MB are refused before any upload; the
 * server's own refusal (it checks the bytes) is shown as it words it.
 */
export function AvatarCard({ me, displayName }: { me: Me; displayName: string }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // The dialog's code loads when Remove is first pointed at, focused or pressed, then stays mounted.
  const [dialogRequested, setDialogRequested] = useState(false);
  const [status, setStatus] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadAvatar(me.username);
  const remove = useRemoveAvatar(me.username);
  const busy = upload.isPending || remove.isPending;

  useEffect(() => () => (pending ? URL.revokeObjectURL(pending.url) : undefined), [pending]);

  /** Only the latest choice counts, if files are chosen faster than they are read. */
  const choice = useRef(0);
  const choose = async (file: File | undefined) => {
    if (!file) return;
    const current = ++choice.current;
    upload.reset();
    setStatus("");
    const refuse = (why: string) => {
      setPending(null);
      setProblem(why);
    };
    const why = avatarFileProblem(file);
    if (why) return refuse(why);
    const type = await sniffImageType(file).catch(() => null);
    if (current !== choice.current) return;
    if (!type) return refuse(`“${file.name}” is not a PNG, JPEG, WebP or GIF image, whatever its name says.`);
    setProblem(null);
    setPending({ file, type, url: URL.createObjectURL(file) });
  };

  const onDrop = (event: DragEvent<HTMLButtonElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!busy) void choose(event.dataTransfer.files[0]);
  };

  const save = () => {
    if (!pending) return;
    upload.mutate(pending, {
      onSuccess: () => {
        setPending(null);
        setStatus("Profile picture saved.");
      },
    });
  };

  const confirmRemove = () => {
    remove.mutate(undefined, {
      onSuccess: () => {
        setConfirming(false);
        setPending(null);
        setStatus("Profile picture removed.");
      },
    });
  };

  const error = problem ?? (upload.isError ? errorMessage(upload.error) : null);

  const footer = (
    <Group justify="space-between" gap="sm" wrap="wrap">
      <Text size="sm" c="dimmed">
        {pending ? "Preview: not saved yet." : status}
      </Text>
      {pending ? (
        <Group gap="sm">
          <Button variant="default" size="sm" onClick={() => setPending(null)} disabled={upload.isPending}>
            Cancel
          </Button>
          <Button size="sm" onClick={save} loading={upload.isPending}>
            Save picture
          </Button>
        </Group>
      ) : (
        me.avatarUrl && (
          <Button
            variant="subtle"
            color="red"
            c="var(--mantine-color-error)"
            size="sm"
            onPointerEnter={preloadRemoveDialog}
            onFocus={preloadRemoveDialog}
            onClick={() => {
              setDialogRequested(true);
              setConfirming(true);
            }}
            disabled={busy}
          >
            Remove picture
          </Button>
        )
      )}
    </Group>
  );
  const hasFooter = pending !== null || status !== "" || Boolean(me.avatarUrl);

  return (
    <SettingsCard
      title="Profile picture"
      description="Shown on your public profile and next to your name. It is stored at up to 512 × 512 pixels."
      footer={hasFooter ? footer : undefined}
    >
      <div className={classes.layout}>
        <ProfileAvatar
          src={pending?.url ?? me.avatarUrl}
          name={displayName}
          alt={pending ? "Preview of your new profile picture" : me.avatarUrl ? "Your profile picture" : ""}
          size={112}
          className={classes.avatar}
        />
        <button
          type="button"
          className={classes.dropzone}
          data-dragging={dragging || undefined}
          disabled={busy}
          onClick={() => input.current?.click()}
          onDragEnter={(event) => {
            if (!hasFiles(event)) return;
            event.preventDefault();
            setDragging(true);
          }}
          onDragOver={(event) => {
            if (!hasFiles(event)) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = "copy";
          }}
          onDragLeave={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
          }}
          onDrop={onDrop}
        >
          <Text fw={600} size="sm" component="span">
            {me.avatarUrl || pending ? "Choose another image" : "Upload an image"}
          </Text>
          <Text size="sm" component="span" className={classes.hint}>
            Click, or drag a PNG, JPEG, WebP or GIF of up to 5 MB here.
          </Text>
        </button>
        <input
          ref={input}
          type="file"
          accept={AVATAR_ACCEPT}
          hidden
          tabIndex={-1}
          aria-label="Profile picture file"
          onChange={(event) => {
            void choose(event.currentTarget.files?.[0]);
            // Choosing the same file again must fire `change` again.
            event.currentTarget.value = "";
          }}
        />
      </div>
      <VisuallyHidden role="status">
        {pending ? "Preview of the chosen image. Save it or cancel." : status}
      </VisuallyHidden>
      {error && (
        <Alert color="red" variant="light" title="This image cannot be used" role="alert">
          {error}
        </Alert>
      )}

      {dialogRequested && (
        <ErrorBoundary title="The confirmation could not be opened" resetKeys={[confirming]}>
          <Suspense fallback={null}>
            <RemoveAvatarDialog
              opened={confirming}
              removing={remove.isPending}
              error={remove.isError ? errorMessage(remove.error) : null}
              onConfirm={confirmRemove}
              onClose={() => setConfirming(false)}
            />
          </Suspense>
        </ErrorBoundary>
      )}
    </SettingsCard>
  );
}
