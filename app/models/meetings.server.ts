/*
 * Ministerial meetings and the national actions presented at them (issue 13). Every member reads the meetings of
 * their partnership; the secretariat records them and marks actions as presented. A presentation is as visible
 * as its action (rule 8): a meeting lists, for each member, only the actions shared with them.
 */
import type { MemberContext } from "~/auth/auth.server";
import type {
  ActionKind,
  EditMeetingInput,
  MeetingInput,
  PresentationInput,
} from "~/domain/national-actions";
import { reaches } from "~/domain/permissions";
import { REFUSALS } from "~/domain/refusals";
import { isUuid } from "./projects.server";
import { refusalOutcome, refused, StaleVersion, type Outcome } from "./sharing.server";

export interface PresentedAction {
  presentationId: string;
  actionId: string;
  kind: ActionKind;
  title: string;
  ownerName: string;
}

export interface Meeting {
  id: string;
  title: string;
  place: string;
  heldOn: string;
  version: number;
  /** The actions presented at it that the member may see. */
  presented: PresentedAction[];
}

/** The partnership's meetings, most recent first, each with the presented actions the member may see. */
export function listMeetings(context: MemberContext): Promise<Meeting[]> {
  return context.user.db(async (tx) => {
    const meetings = await tx.query<Omit<Meeting, "presented">>(
      `select id, title, place, held_on::text as "heldOn", version from public.meetings
        where partnership_id = $1 order by held_on desc, title`,
      [context.partnership.id],
    );
    const presented = await tx.query<PresentedAction & { meetingId: string }>(
      `select p.id as "presentationId", p.meeting_id as "meetingId", a.id as "actionId", a.kind, a.title,
              own.name as "ownerName"
         from public.meeting_presentations p
         join public.national_actions a on a.id = p.action_id
         join public.shared_items s on s.id = a.id
         join public.members own on own.id = s.owner_member_id
        where p.partnership_id = $1
        order by own.name, a.title`,
      [context.partnership.id],
    );
    return meetings.map((meeting) => ({
      ...meeting,
      presented: presented
        .filter((action) => action.meetingId === meeting.id)
        .map(({ meetingId: _meeting, ...action }) => action),
    }));
  });
}

const MEETING_SENTENCES = {
  forbidden: REFUSALS.manageMeetings,
  notFound: REFUSALS.meetingNotFound,
  conflict: REFUSALS.meetingNotFound,
};

function isSecretariat(context: MemberContext): boolean {
  return reaches(context.membership.role, "meetings");
}

/** Records a meeting (the secretariat). */
export async function createMeeting(context: MemberContext, input: MeetingInput): Promise<Outcome> {
  if (!isSecretariat(context)) return refused(403, REFUSALS.manageMeetings);
  try {
    const [row] = await context.user.db((tx) =>
      tx.query<{ id: string }>(
        `insert into public.meetings (partnership_id, title, place, held_on) values ($1, $2, $3, $4::date)
         returning id`,
        [context.partnership.id, input.title, input.place, input.heldOn],
      ),
    );
    if (!row) throw new Error("The meeting was not created.");
    return { ok: true, id: row.id };
  } catch (error) {
    return refusalOutcome(error, MEETING_SENTENCES);
  }
}

/** Corrects a meeting's title, place or date (the secretariat), against the version seen. */
export async function updateMeeting(
  context: MemberContext,
  input: EditMeetingInput,
): Promise<Outcome<{ version: number }>> {
  if (!isSecretariat(context)) return refused(403, REFUSALS.manageMeetings);
  if (!isUuid(input.meetingId)) return refused(404, REFUSALS.meetingNotFound);
  try {
    return await context.user.db(async (tx) => {
      const [current] = await tx.query<{ version: number }>(
        "select version from public.meetings where id = $1 and partnership_id = $2",
        [input.meetingId, context.partnership.id],
      );
      if (!current) return refused(404, REFUSALS.meetingNotFound);
      if (current.version !== input.version) throw new StaleVersion();
      const [row] = await tx.query<{ version: number }>(
        `update public.meetings set title = $3, place = $4, held_on = $5::date
          where id = $1 and version = $2 returning version`,
        [input.meetingId, input.version, input.title, input.place, input.heldOn],
      );
      if (!row) throw new StaleVersion();
      return { ok: true as const, version: row.version };
    });
  } catch (error) {
    if (error instanceof StaleVersion) return refused(409, REFUSALS.meetingChanged);
    return refusalOutcome(error, MEETING_SENTENCES);
  }
}

/** Removes a meeting and its presentations (the secretariat). */
export async function deleteMeeting(context: MemberContext, meetingId: string): Promise<Outcome> {
  if (!isSecretariat(context)) return refused(403, REFUSALS.manageMeetings);
  if (!isUuid(meetingId)) return refused(404, REFUSALS.meetingNotFound);
  try {
    const gone = await context.user.db((tx) =>
      tx.query<{ id: string }>(
        "delete from public.meetings where id = $1 and partnership_id = $2 returning id",
        [meetingId, context.partnership.id],
      ),
    );
    return gone.length === 1 ? { ok: true, id: meetingId } : refused(404, REFUSALS.meetingNotFound);
  } catch (error) {
    return refusalOutcome(error, MEETING_SENTENCES);
  }
}

/**
 * Marks a national action as presented at a meeting (the secretariat, for actions shared with it). Marking it
 * twice is a no-op.
 */
export async function markPresented(
  context: MemberContext,
  input: PresentationInput,
): Promise<Outcome> {
  if (!isSecretariat(context)) return refused(403, REFUSALS.manageMeetings);
  try {
    return await context.user.db(async (tx) => {
      const [action] = await tx.query(
        "select 1 from public.national_actions where id = $1 and partnership_id = $2",
        [input.actionId, context.partnership.id],
      );
      if (!action) return refused(422, REFUSALS.presentUnseenAction, "actionId");
      const [existing] = await tx.query<{ id: string }>(
        "select id from public.meeting_presentations where meeting_id = $1 and action_id = $2",
        [input.meetingId, input.actionId],
      );
      if (existing) return { ok: true as const, id: existing.id };
      const [row] = await tx.query<{ id: string }>(
        `insert into public.meeting_presentations (partnership_id, meeting_id, action_id)
         values ($1, $2, $3) returning id`,
        [context.partnership.id, input.meetingId, input.actionId],
      );
      if (!row) throw new Error("The presentation was not recorded.");
      return { ok: true as const, id: row.id };
    });
  } catch (error) {
    return refusalOutcome(
      error,
      { ...MEETING_SENTENCES, conflict: REFUSALS.manageMeetings },
      "meetingId",
    );
  }
}

/** Unmarks a national action as presented at a meeting (the secretariat). */
export async function unmarkPresented(
  context: MemberContext,
  input: PresentationInput,
): Promise<Outcome> {
  if (!isSecretariat(context)) return refused(403, REFUSALS.manageMeetings);
  try {
    const gone = await context.user.db((tx) =>
      tx.query<{ id: string }>(
        `delete from public.meeting_presentations
          where meeting_id = $1 and action_id = $2 and partnership_id = $3 returning id`,
        [input.meetingId, input.actionId, context.partnership.id],
      ),
    );
    const [row] = gone;
    return row ? { ok: true, id: row.id } : refused(404, REFUSALS.meetingNotFound);
  } catch (error) {
    return refusalOutcome(error, MEETING_SENTENCES);
  }
}
