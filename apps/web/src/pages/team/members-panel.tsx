import { errorMessage, isApiError, useUnsavedChanges } from "@homebase/settings-kit";
import { notifySuccess, SettingsCard, useSavedNotice } from "@homebase/ui";
import { Alert, Badge, Box, Button, Card, Group, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { NameInput } from "../name-input";
import { ConfirmDialog } from "./confirm-dialog";
import { MemberRoleMenu } from "./member-role-menu";
import { addMember, removeMember, type Team, type TeamMember, type TeamRole, teamKeys, updateTeam } from "./team-api";

function memberLabel(member: TeamMember) {
  return member.name && member.name !== member.username ? `${member.name} (${member.username})` : member.username;
}

function MemberRow({
  team,
  member,
  isSelf,
  canRemove,
  onRemove,
}: {
  team: Team;
  member: TeamMember;
  isSelf: boolean;
  canRemove: boolean;
  onRemove: () => void;
}) {
  return (
    <Group justify="space-between" wrap="wrap" gap="md">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text fw={600} style={{ overflowWrap: "anywhere" }}>
          {member.name || member.username}
          {isSelf && (
            <Text span c="dimmed" fw={400}>
              {" "}
              (you)
            </Text>
          )}
        </Text>
        {member.name && member.name !== member.username && (
          <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {member.username}
          </Text>
        )}
      </Stack>
      <Group gap="sm" wrap="nowrap" ml="auto">
        {team.role === "admin" ? (
          <MemberRoleMenu team={team} member={member} label={memberLabel(member)} isSelf={isSelf} />
        ) : (
          <Badge
            variant={member.role === "admin" ? "light" : "outline"}
            color={member.role === "admin" ? "blue" : "gray"}
            radius="sm"
          >
            {member.role === "admin" ? "Admin" : "Member"}
          </Badge>
        )}
        {canRemove && (
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={onRemove}
            aria-label={`Remove ${memberLabel(member)}`}
          >
            Remove
          </Button>
        )}
      </Group>
    </Group>
  );
}

function RemoveMemberDialog({ team, member, onClose }: { team: Team; member: TeamMember | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  // Keep naming the person while the dialog fades out.
  const [shown, setShown] = useState(member);
  if (member && member !== shown) setShown(member);
  const remove = useMutation({
    mutationFn: (username: string) => removeMember(team.name, username),
    onSuccess: async (_, username) => {
      notifySuccess(`${username} is no longer a member of ${team.displayName}.`);
      onClose();
      await queryClient.invalidateQueries({ queryKey: teamKeys.team(team.name) });
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      opened={member !== null}
      onClose={close}
      title="Remove member"
      confirmLabel="Remove member"
      onConfirm={() => member && remove.mutate(member.username)}
      loading={remove.isPending}
      error={remove.isError ? errorMessage(remove.error) : null}
    >
      <Text size="sm">
        Remove <strong>{shown ? memberLabel(shown) : ""}</strong> from <strong>{team.displayName}</strong>? They lose
        access to the team's projects and runs at once. An admin can add them again later.
      </Text>
    </ConfirmDialog>
  );
}

function AddMemberForm({ team }: { team: string }) {
  const queryClient = useQueryClient();
  const [username, setUsername] = useState("");
  const [role, setRole] = useState<TeamRole>("member");
  const [error, setError] = useState<string | null>(null);
  // A typed username not yet added: leaving the page asks first.
  useUnsavedChanges(username.trim() !== "");
  const add = useMutation({
    mutationFn: (input: { username: string; role: TeamRole }) => addMember(team, input),
    onSuccess: async (member) => {
      setUsername("");
      setRole("member");
      notifySuccess(`${member.username} was added as ${member.role === "admin" ? "an admin" : "a member"}.`);
      await queryClient.invalidateQueries({ queryKey: teamKeys.team(team) });
    },
    onError: (e) => setError(isApiError(e) ? (e.fieldErrors().username ?? e.detail) : errorMessage(e)),
  });
  return (
    <SettingsCard
      title="Add a member"
      description="Add someone who already has a Homebase account."
      onSave={() => {
        const name = username.trim().toLowerCase();
        if (!name) {
          setError("Enter a username.");
          return;
        }
        setError(null);
        add.mutate({ username: name, role });
      }}
      saveLabel="Add member"
      saving={add.isPending}
    >
      <Group align="flex-start" gap="md" wrap="wrap">
        <NameInput
          label="Username"
          value={username}
          onChange={(event) => {
            setUsername(event.currentTarget.value);
            setError(null);
          }}
          error={error}
        />
        <NativeSelect
          label="Role"
          value={role}
          onChange={(event) => setRole(event.currentTarget.value === "admin" ? "admin" : "member")}
          data={[
            { value: "member", label: "Member" },
            { value: "admin", label: "Admin" },
          ]}
          style={{ flex: "0 1 160px" }}
        />
      </Group>
    </SettingsCard>
  );
}

/** What the domain field holds, as it would be saved: "@Example.COM " → "example.com". */
function normalizeDomain(value: string) {
  return value.trim().replace(/^@/, "").toLowerCase();
}

function JoinPolicyCard({ team }: { team: Team }) {
  const queryClient = useQueryClient();
  const current = team.joinPolicy.allowedEmailDomain;
  const [domain, setDomain] = useState(current ?? "");
  const [error, setError] = useState<string | null>(null);
  const [saved, markSaved] = useSavedNotice();
  const dirty = normalizeDomain(domain) !== (current ?? "");
  useUnsavedChanges(dirty);
  const save = useMutation({
    mutationFn: (allowedEmailDomain: string | null) => updateTeam(team.name, { allowedEmailDomain }),
    // The result shows next to the button ("✓ Saved"), and the hint then says what now applies.
    onSuccess: (updated) => {
      queryClient.setQueryData(teamKeys.team(team.name), updated);
      setDomain(updated.joinPolicy.allowedEmailDomain ?? "");
      markSaved();
    },
    onError: (e) => setError(isApiError(e) ? (e.fieldErrors().allowedEmailDomain ?? e.detail) : errorMessage(e)),
  });
  const submit = (value: string | null) => {
    setError(null);
    save.mutate(value);
  };
  return (
    <SettingsCard
      title="Joining by email domain"
      description="Let people join on their own when their verified email address is in your organisation's domain."
      onSave={() => {
        const value = normalizeDomain(domain);
        if (!value) {
          setError("Enter a domain such as example.com, or use Clear to turn this off.");
          return;
        }
        submit(value);
      }}
      saving={save.isPending && save.variables !== null}
      footerHint={current ? `Now: anyone with a verified @${current} email can join.` : "Now: only admins add members."}
      saveState={{ dirty, saved }}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Users with a verified email in this domain can join"
          placeholder="example.com"
          leftSection={<span aria-hidden="true">@</span>}
          value={domain}
          onChange={(event) => {
            setDomain(event.currentTarget.value);
            setError(null);
          }}
          error={error}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={253}
          style={{ flex: "1 1 260px" }}
        />
        {current && (
          <Button
            variant="default"
            onClick={() => submit(null)}
            loading={save.isPending && save.variables === null}
            style={{ marginBottom: error ? 24 : 0 }}
          >
            Clear
          </Button>
        )}
      </Group>
    </SettingsCard>
  );
}

function LeaveTeamCard({ team, username, onLeft }: { team: Team; username: string; onLeft: () => void }) {
  const [open, setOpen] = useState(false);
  const leave = useMutation({ mutationFn: () => removeMember(team.name, username), onSuccess: onLeft });
  const lastAdminMessage =
    isApiError(leave.error) && leave.error.status === 409
      ? leave.error.detail
      : leave.error && errorMessage(leave.error);
  return (
    <SettingsCard title="Leave team" danger>
      <Group justify="space-between" gap="md" wrap="wrap">
        <Text size="sm" style={{ flex: "1 1 300px" }}>
          You lose access to {team.displayName}'s projects, runs and service accounts.
        </Text>
        <Button color="red" variant="outline" onClick={() => setOpen(true)}>
          Leave team
        </Button>
      </Group>
      <ConfirmDialog
        opened={open}
        onClose={() => {
          leave.reset();
          setOpen(false);
        }}
        title={`Leave ${team.displayName}?`}
        confirmLabel="Leave team"
        onConfirm={() => leave.mutate()}
        loading={leave.isPending}
        error={lastAdminMessage}
      >
        <Text size="sm">
          You will lose access to <strong>{team.displayName}</strong> ({team.name}): its projects, runs and service
          accounts. To come back, a team admin must add you again.
        </Text>
      </ConfirmDialog>
    </SettingsCard>
  );
}

export interface MembersPanelProps {
  team: Team;
  username: string;
  onLeft: () => void;
}

/** Members with their roles; admins also add and remove members and set the email-domain policy. */
export function MembersPanel({ team, username, onLeft }: MembersPanelProps) {
  const [removing, setRemoving] = useState<TeamMember | null>(null);
  const isAdmin = team.role === "admin";
  return (
    <Stack gap="lg">
      <Card padding={0}>
        <Box px="lg" py="sm" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
          <Text fw={600} component="h2" fz="md" m={0}>
            {team.members.length === 1 ? "1 member" : `${team.members.length} members`}
          </Text>
        </Box>
        <ul aria-label="Members" style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {team.members.map((member, index) => (
            <Box
              key={member.username}
              component="li"
              px="lg"
              py="md"
              style={index === 0 ? undefined : { borderTop: "1px solid var(--mantine-color-default-border)" }}
            >
              <MemberRow
                team={team}
                member={member}
                isSelf={member.username === username}
                canRemove={isAdmin && member.username !== username}
                onRemove={() => setRemoving(member)}
              />
            </Box>
          ))}
        </ul>
      </Card>
      {isAdmin && (
        <>
          <AddMemberForm team={team.name} />
          <JoinPolicyCard team={team} />
        </>
      )}
      {!isAdmin && (
        <Alert variant="light" color="gray">
          Only team admins can add or remove members.
        </Alert>
      )}
      <LeaveTeamCard team={team} username={username} onLeft={onLeft} />
      <RemoveMemberDialog team={team} member={removing} onClose={() => setRemoving(null)} />
    </Stack>
  );
}
