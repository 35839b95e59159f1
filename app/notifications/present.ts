/*
 * A notification as a person reads it, in the inbox and in mail: one sentence (a catalogue message, ADR 090)
 * and one link. Built only from what the recipient's own row-level security let through (app/models/
 * notifications.server.ts and app/notifications/mail.server.ts read it as them): a subject they cannot see is
 * never read, so never named.
 */
import { msg, nested, type MessageKey } from "~/i18n/message";
import type { NotificationKind } from "./categories";

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  category: string;
  subjectType: "project" | "milestone" | "pledge" | "technology_item" | "partnership";
  subjectId: string;
  projectId: string | null;
  partnershipSlug: string;
  /** The project's name, the milestone's title or the item's title, as the recipient may read it. */
  subjectName: string | null;
  projectName: string | null;
  actorName: string | null;
  details: Record<string, string>;
  createdAt: Date;
  readAt: Date | null;
}

const STATUS_VOCABULARY = {
  project: "projectStatus",
  milestone: "milestoneStatus",
  pledge: "pledgeStatus",
} as const;

/** The sentence of a notification, as a message. */
export function notificationMessage(view: NotificationView): string {
  const subject = view.subjectName ?? view.projectName ?? "";
  const actor = view.actorName
    ? nested(msg("collaboration.someone.named", { name: view.actorName }))
    : nested(msg("collaboration.someone.anonymous"));
  const vocabulary =
    view.subjectType in STATUS_VOCABULARY
      ? STATUS_VOCABULARY[view.subjectType as keyof typeof STATUS_VOCABULARY]
      : null;
  const status = (value: string | undefined) =>
    vocabulary && value ? nested(msg(`vocabulary.${vocabulary}.${value}` as MessageKey)) : "";
  return msg(`collaboration.kinds.${view.kind}`, {
    actor,
    subject,
    project: view.projectName ?? "",
    from: status(view.details.from),
    to: status(view.details.to),
  });
}

/** Where the notification leads: the subject's page, or the inbox when it has none. */
export function notificationLink(view: NotificationView): string {
  const base = `/p/${view.partnershipSlug}`;
  // A mention or a comment leads to its discussion; other events to the subject's own page.
  const discussed = view.category === "mentions" || view.category === "comments";
  switch (view.subjectType) {
    case "project":
      return discussed
        ? `${base}/projects/${view.subjectId}/discussion`
        : `${base}/projects/${view.subjectId}`;
    case "milestone":
      if (!view.projectId) return `${base}/inbox`;
      return discussed
        ? `${base}/projects/${view.projectId}/milestones/${view.subjectId}`
        : `${base}/projects/${view.projectId}`;
    case "pledge":
      return discussed
        ? `${base}/pledges/${view.subjectId}/discussion`
        : `${base}/pledges/${view.subjectId}`;
    default:
      return `${base}/inbox`;
  }
}
