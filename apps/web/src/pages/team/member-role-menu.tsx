import { errorMessage } from "@homebase/settings-kit";
import { LazyMenu, notifyError, notifySuccess } from "@homebase/ui";
import { Button, Text, VisuallyHidden } from "@mantine/core";
import { IconChevronDown } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "./confirm-dialog";
import { setMemberRole, type Team, type TeamMember, type TeamRole, teamKeys } from "./team-api";

const ROLES: { value: TeamRole; label: string; description: string }[] = [
  { value: "admin", label: "Admin", description: "Manages members, service accounts and settings" },
  { value: "member", label: "Member", description: "Uses the team's projects and runs" },
];

export interface MemberRoleMenuProps {
  team: Team;
  member: TeamMember;
  /** The label of the member as shown in the row, for the button's accessible name. */
  label: string;
  isSelf: boolean;
}

/**
 * A team admin's role menu on a member row. Changing someone else's role applies at once;
 * demoting yourself asks first, since you lose the admin pages with it (the page then shows the
 * member's view).
 */
export function MemberRoleMenu({ team, member, label, isSelf }: MemberRoleMenuProps) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const change = useMutation({
    mutationFn: (role: TeamRole) => setMemberRole(team.name, member.username, role),
    onSuccess: async (updated) => {
      setConfirming(false);
      notifySuccess(
        isSelf
          ? `You are now a member of ${team.displayName}, no longer an admin.`
          : `${updated.username} is now ${updated.role === "admin" ? "an admin" : "a member"} of ${team.displayName}.`,
      );
      await queryClient.invalidateQueries({ queryKey: teamKeys.team(team.name) });
    },
    onError: (e) => {
      if (!confirming) notifyError(`Could not change the role of ${member.username}`, errorMessage(e));
    },
  });
  const choose = (role: TeamRole) => {
    if (role === member.role) return;
    change.reset();
    if (isSelf && role === "member") setConfirming(true);
    else change.mutate(role);
  };
  const current = ROLES.find((r) => r.value === member.role)!;
  return (
    <>
      {/* Mantine's Menu loads when the pointer or the focus reaches the button, not with the page. */}
      <LazyMenu
        position="bottom-end"
        withinPortal
        target={
          <Button
            size="xs"
            variant="default"
            rightSection={<IconChevronDown size={12} stroke={2.5} aria-hidden="true" />}
            loading={change.isPending && !confirming}
            aria-label={`Role of ${label}: ${current.label}. Change role`}
          >
            {current.label}
          </Button>
        }
      >
        {(Menu) => (
          <Menu.Dropdown>
            {ROLES.map((role) => (
              <Menu.Item
                key={role.value}
                onClick={() => choose(role.value)}
                leftSection={
                  <Text span w={14} ta="center" aria-hidden="true">
                    {role.value === member.role ? "✓" : ""}
                  </Text>
                }
              >
                <Text size="sm" fw={500}>
                  {role.label}
                  {role.value === member.role && <VisuallyHidden> (current role)</VisuallyHidden>}
                </Text>
                <Text size="xs" c="dimmed">
                  {role.description}
                </Text>
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        )}
      </LazyMenu>
      <ConfirmDialog
        opened={confirming}
        onClose={() => {
          change.reset();
          setConfirming(false);
        }}
        title="Stop being an admin?"
        confirmLabel="Make me a member"
        onConfirm={() => change.mutate("member")}
        loading={change.isPending}
        error={change.isError ? errorMessage(change.error) : null}
      >
        <Text size="sm">
          You will be a member of <strong>{team.displayName}</strong>, no longer an admin: you can no longer add or
          remove members, manage service accounts or change the team's settings. Only another admin can make you an
          admin again.
        </Text>
      </ConfirmDialog>
    </>
  );
}
