-- Working together: comments, mentions, documents, notifications (issue 14; docs/decisions/140-*.md to 143-*.md).
--
--   comments                  threaded discussion on a project, a milestone, a pledge or a shared technology item
--   comment_mentions          the people a comment mentions (each must be able to see what the comment is on)
--   attachments               documents' metadata (the bytes live in the storage port, app/storage/*.server.ts)
--   notifications             one row per recipient and event, the inbox and the source of every mail
--   notification_preferences  a person's digest frequency and the categories they unsubscribed from
--   private.mail_deliveries   the ledger that keys each mail, so a retried or doubly claimed job sends it once
--
-- Visibility is inherited, never copied (ADR 140): a row about a subject is readable exactly when the subject's
-- own row is readable by the caller, which private.sees_subject asks of the subject's table under the caller's
-- row-level security. A comment on a draft pledge is as private as the pledge, and stays in step with it when
-- the pledge is committed or withdrawn, without a second statement of the rule that could drift.

------------------------------------------------------------------------------------------------------------
-- What a row is about
------------------------------------------------------------------------------------------------------------
-- Security invoker on purpose: the subject's own policies decide, as they stand for the caller. Rows in tables
-- the caller cannot see at all (another partnership's, a draft's) make it false. Wrapped in (select …) in the
-- policies that call it.
create or replace function private.sees_subject(subject_type text, subject_id uuid) returns boolean
language plpgsql stable set search_path = ''
as $$
begin
  return case subject_type
    when 'project' then exists (select 1 from public.projects s where s.id = subject_id)
    when 'milestone' then exists (select 1 from public.milestones s where s.id = subject_id)
    when 'pledge' then exists (select 1 from public.pledges s where s.id = subject_id)
    when 'technology_item' then exists (select 1 from public.shared_items s where s.id = subject_id)
    when 'partnership' then exists (select 1 from public.partnerships s where s.id = subject_id)
    else false
  end;
end
$$;
revoke all on function private.sees_subject(text, uuid) from public;
grant execute on function private.sees_subject(text, uuid) to authenticated, service_role;

-- Whether another person may see the subject: the same question, asked with their claims for the length of one
-- call. Only a signed-in caller asks it (as the owner or the service role, row-level security would not apply
-- and the answer would always be yes).
create or replace function private.sees_subject_as(person uuid, subject_type text, subject_id uuid)
returns boolean
language plpgsql volatile set search_path = ''
as $$
declare
  mine text := current_setting('request.jwt.claims', true);
  answer boolean;
begin
  if current_user <> 'authenticated' then
    raise exception 'sees_subject_as is asked by a signed-in user only' using errcode = '42501';
  end if;
  perform set_config('request.jwt.claims',
    jsonb_build_object('sub', person, 'role', 'authenticated')::text, true);
  answer := private.sees_subject(subject_type, subject_id);
  perform set_config('request.jwt.claims', coalesce(mine, ''), true);
  return answer;
end
$$;
revoke all on function private.sees_subject_as(uuid, text, uuid) from public;
grant execute on function private.sees_subject_as(uuid, text, uuid) to authenticated;

-- Shared items are referenced with their partnership, like every other parent.
alter table public.shared_items
  add constraint shared_items_id_partnership_unique unique (id, partnership_id);

------------------------------------------------------------------------------------------------------------
-- comments
------------------------------------------------------------------------------------------------------------
create table public.comments (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  subject_type text not null
    constraint comments_subject_type_valid
    check (subject_type in ('project', 'milestone', 'pledge', 'technology_item')),
  -- The project of a project's, milestone's or pledge's comment (filled from the subject; links and lists).
  project_id uuid,
  milestone_id uuid,
  pledge_id uuid,
  item_id uuid,
  subject_id uuid generated always as (coalesce(milestone_id, pledge_id, item_id, project_id)) stored,
  parent_id uuid,
  body text constraint comments_body_length check (char_length(btrim(body)) between 1 and 10000),
  edited_at timestamptz,
  deleted_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1,
  constraint comments_id_partnership_unique unique (id, partnership_id),
  constraint comments_id_subject_unique unique (id, subject_id),
  constraint comments_subject_shape check (
    (subject_type = 'project' and project_id is not null and milestone_id is null and pledge_id is null
      and item_id is null)
    or (subject_type = 'milestone' and project_id is not null and milestone_id is not null and pledge_id is null
      and item_id is null)
    or (subject_type = 'pledge' and project_id is not null and pledge_id is not null and milestone_id is null
      and item_id is null)
    or (subject_type = 'technology_item' and item_id is not null and project_id is null and milestone_id is null
      and pledge_id is null)),
  -- A tombstone keeps its place in the thread and loses its words.
  constraint comments_tombstone_has_no_body check ((deleted_at is null) = (body is not null)),
  constraint comments_project_in_partnership foreign key (project_id, partnership_id)
    references public.projects (id, partnership_id) on delete cascade,
  constraint comments_milestone_in_partnership foreign key (milestone_id, partnership_id)
    references public.milestones (id, partnership_id) on delete cascade,
  constraint comments_pledge_in_partnership foreign key (pledge_id, partnership_id)
    references public.pledges (id, partnership_id) on delete cascade,
  constraint comments_item_in_partnership foreign key (item_id, partnership_id)
    references public.shared_items (id, partnership_id) on delete cascade,
  -- A reply is in the same thread as the comment it answers.
  constraint comments_reply_on_same_subject foreign key (parent_id, subject_id)
    references public.comments (id, subject_id) on delete cascade
);
create index comments_subject_id_idx on public.comments (subject_id, created_at);
create index comments_partnership_id_idx on public.comments (partnership_id, created_at);
create index comments_project_id_idx on public.comments (project_id);
create index comments_milestone_id_idx on public.comments (milestone_id);
create index comments_pledge_id_idx on public.comments (pledge_id);
create index comments_item_id_idx on public.comments (item_id);
create index comments_parent_id_idx on public.comments (parent_id, subject_id);
create index comments_created_by_idx on public.comments (created_by);
alter table public.comments enable row level security;
revoke all on public.comments from anon, authenticated, service_role;
grant select, insert, update, delete on public.comments to service_role;
grant select on public.comments to authenticated;
grant insert (partnership_id, subject_type, project_id, milestone_id, pledge_id, item_id, parent_id, body)
  on public.comments to authenticated;
-- The words only: deleting is setting them to null (a tombstone), never removing the row.
grant update (body) on public.comments to authenticated;

-- The project of a milestone's or pledge's comment, read from the subject as the caller sees it: a subject the
-- caller cannot see is "not found", like one that does not exist.
create or replace function private.prepare_comment() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if new.subject_type = 'milestone' then
      select s.project_id into new.project_id from public.milestones s
       where s.id = new.milestone_id and s.partnership_id = new.partnership_id;
    elsif new.subject_type = 'pledge' then
      select s.project_id into new.project_id from public.pledges s
       where s.id = new.pledge_id and s.partnership_id = new.partnership_id;
    end if;
    if new.subject_type in ('milestone', 'pledge') and new.project_id is null then
      raise exception 'That item was not found' using errcode = 'P0002';
    end if;
    new.edited_at := null;
    new.deleted_at := null;
    return new;
  end if;
  if old.deleted_at is not null then
    raise exception 'A deleted comment cannot change' using errcode = 'P0001';
  end if;
  if new.body is null then
    new.deleted_at := now();
  elsif new.body is distinct from old.body then
    new.edited_at := now();
  end if;
  return new;
end
$$;
create trigger prepare_comment before insert or update on public.comments
  for each row execute function private.prepare_comment();
create trigger stamp before insert or update on public.comments
  for each row execute function private.stamp();

-- Who may write: delegates, sponsors and the secretariat (observers read), on what they can see; the author
-- alone edits and deletes.
create policy "comments: members read comments on what they can see" on public.comments
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids())
         and (select private.sees_subject(subject_type, subject_id)));
create policy "comments: members who can see the subject comment on it" on public.comments
  for insert to authenticated
  with check (partnership_id in (select private.my_partnership_ids_as('{delegate,sponsor,secretariat}'))
              and created_by = (select auth.uid())
              and (select private.sees_subject(subject_type, subject_id)));
create policy "comments: authors edit or delete their comments" on public.comments
  for update to authenticated
  using (created_by = (select auth.uid()) and partnership_id in (select private.my_partnership_ids()))
  with check (created_by = (select auth.uid())
              and (select private.sees_subject(subject_type, subject_id)));

------------------------------------------------------------------------------------------------------------
-- comment_mentions
------------------------------------------------------------------------------------------------------------
create table public.comment_mentions (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null,
  comment_id uuid not null,
  -- Copied from the comment before insert (never the client's): what decides who may read the row.
  subject_type text not null,
  subject_id uuid not null,
  comment_author_id uuid,
  mentioned_user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  constraint comment_mentions_once_per_person unique (comment_id, mentioned_user_id),
  constraint comment_mentions_comment foreign key (comment_id, partnership_id)
    references public.comments (id, partnership_id) on delete cascade
);
create index comment_mentions_subject_id_idx on public.comment_mentions (subject_id);
create index comment_mentions_partnership_id_idx on public.comment_mentions (partnership_id);
create index comment_mentions_comment_author_id_idx on public.comment_mentions (comment_author_id);
create index comment_mentions_mentioned_user_id_idx on public.comment_mentions (mentioned_user_id);
alter table public.comment_mentions enable row level security;
revoke all on public.comment_mentions from anon, authenticated, service_role;
grant select, insert, update, delete on public.comment_mentions to service_role;
grant select on public.comment_mentions to authenticated;
grant insert (partnership_id, comment_id, mentioned_user_id) on public.comment_mentions to authenticated;

-- The comment as the caller sees it, and the person mentioned must see its subject too: mentioning someone who
-- cannot open the thread would tell them it exists.
create or replace function private.check_mention() returns trigger
language plpgsql set search_path = ''
as $$
declare
  comment record;
begin
  select c.subject_type, c.subject_id, c.created_by, c.deleted_at into comment
    from public.comments c where c.id = new.comment_id and c.partnership_id = new.partnership_id;
  if not found or comment.deleted_at is not null then
    raise exception 'That comment was not found' using errcode = 'P0002';
  end if;
  new.subject_type := comment.subject_type;
  new.subject_id := comment.subject_id;
  new.comment_author_id := comment.created_by;
  new.created_at := now();
  if private.is_client()
     and not private.sees_subject_as(new.mentioned_user_id, comment.subject_type, comment.subject_id) then
    raise exception 'The person mentioned cannot see what this comment is about' using errcode = 'P0001';
  end if;
  return new;
end
$$;
create trigger check_mention before insert on public.comment_mentions
  for each row execute function private.check_mention();

create policy "comment_mentions: members read mentions on what they can see" on public.comment_mentions
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids())
         and (select private.sees_subject(subject_type, subject_id)));
create policy "comment_mentions: authors mention people in their comments" on public.comment_mentions
  for insert to authenticated
  with check (comment_author_id = (select auth.uid())
              and partnership_id in (select private.my_partnership_ids_as('{delegate,sponsor,secretariat}')));

------------------------------------------------------------------------------------------------------------
-- attachments (documents' metadata; a new upload of the same name on the same subject is its next revision)
------------------------------------------------------------------------------------------------------------
create table public.attachments (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  subject_type text not null
    constraint attachments_subject_type_valid check (subject_type in ('project', 'milestone', 'pledge')),
  project_id uuid not null,
  milestone_id uuid,
  pledge_id uuid,
  subject_id uuid generated always as (coalesce(milestone_id, pledge_id, project_id)) stored,
  name text not null constraint attachments_name_length check (char_length(name) between 1 and 200),
  size_bytes int8 not null constraint attachments_size_positive check (size_bytes > 0),
  content_type text not null
    constraint attachments_content_type_valid check (content_type ~ '^[a-z]+/[a-z0-9.+-]+$'),
  sha256 text not null constraint attachments_sha256_hex check (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text not null constraint attachments_storage_key_unique unique,
  revision int not null default 1 constraint attachments_revision_positive check (revision > 0),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint attachments_subject_shape check (
    (subject_type = 'project' and milestone_id is null and pledge_id is null)
    or (subject_type = 'milestone' and milestone_id is not null and pledge_id is null)
    or (subject_type = 'pledge' and pledge_id is not null and milestone_id is null)),
  constraint attachments_revision_unique unique (subject_id, name, revision),
  constraint attachments_project_in_partnership foreign key (project_id, partnership_id)
    references public.projects (id, partnership_id) on delete cascade,
  constraint attachments_milestone_in_partnership foreign key (milestone_id, partnership_id)
    references public.milestones (id, partnership_id) on delete cascade,
  constraint attachments_pledge_in_partnership foreign key (pledge_id, partnership_id)
    references public.pledges (id, partnership_id) on delete cascade
);
create index attachments_project_id_idx on public.attachments (project_id, name, revision);
create index attachments_partnership_id_idx on public.attachments (partnership_id);
create index attachments_milestone_id_idx on public.attachments (milestone_id);
create index attachments_pledge_id_idx on public.attachments (pledge_id);
create index attachments_created_by_idx on public.attachments (created_by);
alter table public.attachments enable row level security;
revoke all on public.attachments from anon, authenticated, service_role;
grant select, insert, update, delete on public.attachments to service_role;
grant select on public.attachments to authenticated;
grant insert (partnership_id, subject_type, project_id, milestone_id, pledge_id, name, size_bytes, content_type,
  sha256, storage_key) on public.attachments to authenticated;

create or replace function private.prepare_attachment() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.subject_type = 'milestone' then
    select s.project_id into new.project_id from public.milestones s
     where s.id = new.milestone_id and s.partnership_id = new.partnership_id;
  elsif new.subject_type = 'pledge' then
    select s.project_id into new.project_id from public.pledges s
     where s.id = new.pledge_id and s.partnership_id = new.partnership_id;
  end if;
  if new.project_id is null then
    raise exception 'That item was not found' using errcode = 'P0002';
  end if;
  new.created_by := auth.uid();
  new.created_at := now();
  -- Counted over the revisions the caller can see, which are all of them: they share the subject.
  select coalesce(max(a.revision), 0) + 1 into new.revision from public.attachments a
   where a.subject_id = coalesce(new.milestone_id, new.pledge_id, new.project_id) and a.name = new.name;
  return new;
end
$$;
create trigger prepare_attachment before insert on public.attachments
  for each row execute function private.prepare_attachment();

create policy "attachments: members read documents of what they can see" on public.attachments
  for select to authenticated
  using (partnership_id in (select private.my_partnership_ids())
         and (select private.sees_subject(subject_type, subject_id)));
create policy "attachments: members who can see the subject attach documents" on public.attachments
  for insert to authenticated
  with check (partnership_id in (select private.my_partnership_ids_as('{delegate,sponsor,secretariat}'))
              and created_by = (select auth.uid())
              and (select private.sees_subject(subject_type, subject_id)));

------------------------------------------------------------------------------------------------------------
-- notifications
------------------------------------------------------------------------------------------------------------
create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references public.partnerships (id) on delete cascade,
  recipient_id uuid not null references auth.users (id) on delete cascade,
  category text not null
    constraint notifications_category_valid
    check (category in ('mentions', 'comments', 'projects', 'pledges', 'milestones', 'payments', 'people')),
  kind text not null
    constraint notifications_kind_valid
    check (kind in ('mention', 'comment', 'project_submitted', 'project_approved', 'project_rejected',
                    'pledge_committed', 'pledge_amended', 'pledge_withdrawn', 'milestone_moved',
                    'milestone_overdue', 'milestone_done', 'tranche_paid', 'invitation_accepted')),
  subject_type text not null
    constraint notifications_subject_type_valid
    check (subject_type in ('project', 'milestone', 'pledge', 'technology_item', 'partnership')),
  -- No foreign key: a notification about a removed row stays, and is no longer readable (sees_subject).
  subject_id uuid not null,
  project_id uuid,
  comment_id uuid,
  actor_id uuid,
  -- Statuses before and after, never amounts or names: those are read, as the recipient, when shown.
  details jsonb not null default '{}'::jsonb,
  -- One notification per recipient and event, however often the event's trigger or job runs.
  event_key text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  constraint notifications_once_per_event unique (recipient_id, event_key)
);
create index notifications_recipient_id_idx on public.notifications (recipient_id, partnership_id, created_at desc);
create index notifications_partnership_id_idx on public.notifications (partnership_id, created_at);
create index notifications_unread_idx on public.notifications (recipient_id, partnership_id)
  where read_at is null;
alter table public.notifications enable row level security;
revoke all on public.notifications from anon, authenticated, service_role;
grant select, insert, update, delete on public.notifications to service_role;
grant select on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;

create policy "notifications: people read theirs about what they can see" on public.notifications
  for select to authenticated
  using (recipient_id = (select auth.uid())
         and partnership_id in (select private.my_partnership_ids())
         and (select private.sees_subject(subject_type, subject_id)));
create policy "notifications: people mark theirs read" on public.notifications
  for update to authenticated
  using (recipient_id = (select auth.uid()) and partnership_id in (select private.my_partnership_ids()))
  with check (recipient_id = (select auth.uid()));

-- The inbox is live: the recipient's open pages hear that something arrived (ids only) and refetch it through
-- their own row-level security.
create or replace function private.notify_inbox() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform pg_notify('lodestone_changes', json_build_object(
    'partnership_id', new.partnership_id, 'table', 'notifications', 'op', lower(tg_op), 'id', new.id,
    'recipient_id', new.recipient_id, 'category', new.category)::text);
  return null;
end
$$;
create trigger notify_inbox after insert on public.notifications
  for each row execute function private.notify_inbox();

------------------------------------------------------------------------------------------------------------
-- notification_preferences (a person's own; none means a daily digest and every category)
------------------------------------------------------------------------------------------------------------
create table public.notification_preferences (
  user_id uuid primary key references auth.users (id) on delete cascade,
  digest text not null default 'daily'
    constraint notification_preferences_digest_valid check (digest in ('daily', 'weekly', 'never')),
  unsubscribed text[] not null default '{}'
    constraint notification_preferences_categories_valid
    check (array_position(unsubscribed, null) is null
           and unsubscribed <@ array['mentions', 'comments', 'projects', 'pledges', 'milestones', 'payments',
                                     'people']::text[]),
  updated_at timestamptz not null default now()
);
alter table public.notification_preferences enable row level security;
revoke all on public.notification_preferences from anon, authenticated, service_role;
grant select, insert, update, delete on public.notification_preferences to service_role;
grant select on public.notification_preferences to authenticated;
grant insert (user_id, digest, unsubscribed) on public.notification_preferences to authenticated;
grant update (digest, unsubscribed) on public.notification_preferences to authenticated;
create trigger touch_preferences before update on public.notification_preferences
  for each row execute function private.touch_profile();

create policy "notification_preferences: people read their own" on public.notification_preferences
  for select to authenticated using (user_id = (select auth.uid()));
create policy "notification_preferences: people set their own" on public.notification_preferences
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "notification_preferences: people change their own" on public.notification_preferences
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

------------------------------------------------------------------------------------------------------------
-- private.mail_deliveries: one row per mail ever sent, keyed so that sending twice is impossible (ADR 141)
------------------------------------------------------------------------------------------------------------
create table private.mail_deliveries (
  idempotency_key text primary key,
  recipient_id uuid,
  kind text not null,
  to_email text not null,
  sent_at timestamptz not null default now()
);
create index mail_deliveries_recipient_id_idx on private.mail_deliveries (recipient_id, sent_at);
alter table private.mail_deliveries enable row level security;
revoke all on private.mail_deliveries from public, anon, authenticated, service_role;

------------------------------------------------------------------------------------------------------------
-- Who hears of what: the events write notifications (security definer, so they see every recipient)
------------------------------------------------------------------------------------------------------------
-- One notification per recipient, never to the person who acted. Recipients who cannot see the subject get a
-- row nobody can read (their select policy hides it), which no mail or digest ever shows either: those are built
-- as the recipient.
create or replace function private.notify_people(
  partnership uuid, recipients uuid[], category text, kind text, subject_type text, subject_id uuid,
  project uuid, event_key text, details jsonb default '{}'::jsonb, comment uuid default null
) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.notifications (partnership_id, recipient_id, category, kind, subject_type, subject_id,
    project_id, comment_id, actor_id, details, event_key)
  select partnership, r, category, kind, subject_type, subject_id, project, comment, auth.uid(), details,
         event_key
    from (select distinct unnest(recipients) as r) people
   where r is not null and r is distinct from auth.uid()
     and exists (select 1 from public.memberships m
                  where m.partnership_id = partnership and m.user_id = r and m.status = 'active')
  on conflict on constraint notifications_once_per_event do nothing;
end
$$;
revoke all on function private.notify_people(uuid, uuid[], text, text, text, uuid, uuid, text, jsonb, uuid)
  from public;

-- The active members of a partnership with one of `roles`, optionally only a government's or an
-- organisation's.
create or replace function private.people_of(
  partnership uuid, roles text[], member uuid default null, organisation uuid default null
) returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(m.user_id), '{}') from public.memberships m
   where m.partnership_id = partnership and m.status = 'active' and m.role = any (roles)
     and (member is null or m.member_id = member)
     and (organisation is null or m.sponsor_organisation_id = organisation)
$$;
revoke all on function private.people_of(uuid, text[], uuid, uuid) from public;

-- A project's parties: its registering government's delegates and its sponsor's people.
create or replace function private.project_parties(project uuid) returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select private.people_of(p.partnership_id, '{delegate}', p.registering_member_id)
         || case when p.sponsor_organisation_id is null then '{}'::uuid[]
                 else private.people_of(p.partnership_id, '{sponsor}', null, p.sponsor_organisation_id) end
    from public.projects p where p.id = project
$$;
revoke all on function private.project_parties(uuid) from public;

create or replace function private.notify_project_event() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  kind text := case new.status when 'submitted' then 'project_submitted' when 'approved' then 'project_approved'
                               when 'rejected' then 'project_rejected' end;
  recipients uuid[];
begin
  if kind is null or new.status is not distinct from old.status then
    return null;
  end if;
  recipients := case kind
    when 'project_submitted' then private.people_of(new.partnership_id, '{secretariat}')
    when 'project_approved' then private.project_parties(new.id)
                                 || private.people_of(new.partnership_id, '{delegate,secretariat}')
    else private.project_parties(new.id) end;
  perform private.notify_people(new.partnership_id, recipients, 'projects', kind, 'project', new.id, new.id,
    format('%s:%s:%s', kind, new.id, new.version), jsonb_build_object('from', old.status, 'to', new.status));
  return null;
end
$$;
create trigger notify_project_event after update of status on public.projects
  for each row execute function private.notify_project_event();

-- Pledges: committed, amended and withdrawn; a draft's life is its own government's business only.
create or replace function private.pledge_audience(pledge public.pledges) returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select case when pledge.committed_at is null
              then private.people_of(pledge.partnership_id, '{delegate}', pledge.member_id)
              else private.people_of(pledge.partnership_id, '{delegate}', pledge.member_id)
                   || private.people_of(pledge.partnership_id, '{secretariat}')
                   || private.project_parties(pledge.project_id) end
$$;
revoke all on function private.pledge_audience(public.pledges) from public;

create or replace function private.notify_pledge_event() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  kind text;
begin
  if old.committed_at is null and new.committed_at is not null then
    kind := 'pledge_committed';
  elsif new.status = 'withdrawn' and old.status <> 'withdrawn' then
    kind := 'pledge_withdrawn';
  elsif new.amount_minor <> old.amount_minor and new.committed_at is not null then
    kind := 'pledge_amended';
  else
    return null;
  end if;
  perform private.notify_people(new.partnership_id, private.pledge_audience(new), 'pledges', kind, 'pledge',
    new.id, new.project_id, format('%s:%s:%s', kind, new.id, new.version),
    jsonb_build_object('from', old.status, 'to', new.status));
  return null;
end
$$;
create trigger notify_pledge_event after update on public.pledges
  for each row execute function private.notify_pledge_event();

-- Milestones: moved on the board, and done with tranches requested (the requesting governments hear it).
create or replace function private.notify_milestone_event() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  project public.projects;
  requested uuid[];
begin
  if new.status is not distinct from old.status then
    return null;
  end if;
  select * into project from public.projects p where p.id = new.project_id;
  perform private.notify_people(new.partnership_id,
    private.project_parties(new.project_id)
      || case when project.status = 'draft' then '{}'::uuid[]
              else private.people_of(new.partnership_id, '{secretariat}') end,
    'milestones', 'milestone_moved', 'milestone', new.id, new.project_id,
    format('milestone_moved:%s:%s', new.id, new.version), jsonb_build_object('from', old.status, 'to', new.status));
  if new.status = 'done' then
    select coalesce(array_agg(distinct u), '{}') into requested
      from public.tranches t join public.pledges pl on pl.id = t.pledge_id,
           unnest(private.people_of(t.partnership_id, '{delegate}', pl.member_id)) u
     where t.milestone_id = new.id and t.status = 'requested';
    if cardinality(requested) > 0 then
      perform private.notify_people(new.partnership_id,
        requested || private.people_of(new.partnership_id, '{secretariat}'), 'payments', 'milestone_done',
        'milestone', new.id, new.project_id, format('milestone_done:%s:%s', new.id, new.version));
    end if;
  end if;
  return null;
end
$$;
-- Named to fire after release_tranches (triggers fire in name order), once the tranches are requested.
create trigger tell_milestone_watchers after update of status on public.milestones
  for each row execute function private.notify_milestone_event();

create or replace function private.notify_tranche_paid() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  pledge public.pledges;
begin
  if new.status <> 'paid' or old.status = 'paid' then
    return null;
  end if;
  select * into pledge from public.pledges p where p.id = new.pledge_id;
  perform private.notify_people(new.partnership_id,
    private.pledge_audience(pledge), 'payments', 'tranche_paid', 'pledge', pledge.id, pledge.project_id,
    format('tranche_paid:%s', new.id));
  return null;
end
$$;
create trigger notify_tranche_paid after update of status on public.tranches
  for each row execute function private.notify_tranche_paid();

create or replace function private.notify_invitation_accepted() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if old.accepted_at is not null or new.accepted_at is null or new.invited_by is null then
    return null;
  end if;
  -- The invitee acts (auth.uid() is null on the auth server's connection): the inviter hears of it.
  insert into public.notifications (partnership_id, recipient_id, category, kind, subject_type, subject_id,
    actor_id, details, event_key)
  select new.partnership_id, new.invited_by, 'people', 'invitation_accepted', 'partnership', new.partnership_id,
         new.accepted_by, jsonb_build_object('role', new.role), format('invitation_accepted:%s', new.id)
   where exists (select 1 from public.memberships m where m.partnership_id = new.partnership_id
                   and m.user_id = new.invited_by and m.status = 'active')
  on conflict on constraint notifications_once_per_event do nothing;
  return null;
end
$$;
create trigger notify_invitation_accepted after update of accepted_at on public.invitations
  for each row execute function private.notify_invitation_accepted();

-- Comments: the people following the subject (its parties and everyone who commented on it before) hear of a
-- new comment; the people it mentions hear of the mention instead, at once.
create or replace function private.subject_followers(comment public.comments) returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select coalesce((select array_agg(distinct c.created_by) from public.comments c
                    where c.subject_id = comment.subject_id and c.created_by is not null), '{}')
         || case comment.subject_type
              when 'pledge' then (select private.people_of(p.partnership_id, '{delegate}', p.member_id)
                                    from public.pledges p where p.id = comment.pledge_id)
              when 'technology_item' then (select private.people_of(s.partnership_id, '{delegate}',
                                                                   s.owner_member_id)
                                             from public.shared_items s where s.id = comment.item_id)
              else private.project_parties(comment.project_id) end
$$;
revoke all on function private.subject_followers(public.comments) from public;

create or replace function private.notify_comment() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.notify_people(new.partnership_id, private.subject_followers(new), 'comments', 'comment',
    new.subject_type, new.subject_id, new.project_id, format('comment:%s', new.id), '{}'::jsonb, new.id);
  return null;
end
$$;
create trigger notify_comment after insert on public.comments
  for each row execute function private.notify_comment();

create or replace function private.notify_mention() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  comment public.comments;
begin
  select * into comment from public.comments c where c.id = new.comment_id;
  delete from public.notifications n
   where n.recipient_id = new.mentioned_user_id and n.event_key = format('comment:%s', new.comment_id);
  perform private.notify_people(new.partnership_id, array[new.mentioned_user_id], 'mentions', 'mention',
    comment.subject_type, comment.subject_id, comment.project_id, format('mention:%s', new.id), '{}'::jsonb,
    comment.id);
  return null;
end
$$;
create trigger notify_mention after insert on public.comment_mentions
  for each row execute function private.notify_mention();

-- Overdue milestones, for the day the job says it is (never current_date: ADR 050). Once per milestone and due
-- date: moving the date gives a new chance to be late.
create or replace function private.notify_overdue_milestones(today date) returns int
language plpgsql security definer set search_path = ''
as $$
declare
  milestone record;
  counted int := 0;
begin
  for milestone in
    select ms.id, ms.partnership_id, ms.project_id, ms.due_date, p.status as project_status
      from public.milestones ms join public.projects p on p.id = ms.project_id
     where ms.due_date < today and ms.status not in ('done', 'cancelled')
       and p.status not in ('rejected', 'completed', 'cancelled')
  loop
    perform private.notify_people(milestone.partnership_id,
      private.project_parties(milestone.project_id)
        || case when milestone.project_status = 'draft' then '{}'::uuid[]
                else private.people_of(milestone.partnership_id, '{secretariat}') end,
      'milestones', 'milestone_overdue', 'milestone', milestone.id, milestone.project_id,
      format('milestone_overdue:%s:%s', milestone.id, milestone.due_date),
      jsonb_build_object('due_date', milestone.due_date));
    counted := counted + 1;
  end loop;
  return counted;
end
$$;
revoke all on function private.notify_overdue_milestones(date) from public;
grant execute on function private.notify_overdue_milestones(date) to service_role;

------------------------------------------------------------------------------------------------------------
-- Supabase Storage: the documents bucket is private, and an object is readable exactly when its metadata row
-- is (ADR 143). Supabase only: the storage schema does not exist on the embedded database or in CI.
------------------------------------------------------------------------------------------------------------
do $storage$
begin
  if exists (select 1 from pg_namespace where nspname = 'storage')
     and exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                  where n.nspname = 'storage' and c.relname = 'objects') then
    execute $sql$
      insert into storage.buckets (id, name, public) values ('documents', 'documents', false)
      on conflict (id) do update set public = false
    $sql$;
    execute $sql$
      create policy "documents: members read objects whose metadata they can read" on storage.objects
        for select to authenticated
        using (bucket_id = 'documents'
               and exists (select 1 from public.attachments a where a.storage_key = objects.name))
    $sql$;
  end if;
end
$storage$;

------------------------------------------------------------------------------------------------------------
-- Read-only once the subscription lapsed (docs/decisions/041-*.md), like every partnership-scoped table. The
-- notifications the event triggers write act for the system (security definer), so they are not refused.
------------------------------------------------------------------------------------------------------------
create trigger enforce_read_only_when_lapsed before insert or update or delete on public.comments
  for each row execute function private.refuse_writes_when_lapsed();
create trigger enforce_read_only_when_lapsed before insert or update or delete on public.comment_mentions
  for each row execute function private.refuse_writes_when_lapsed();
create trigger enforce_read_only_when_lapsed before insert or update or delete on public.attachments
  for each row execute function private.refuse_writes_when_lapsed();
create trigger enforce_read_only_when_lapsed before insert or update or delete on public.notifications
  for each row execute function private.refuse_writes_when_lapsed();
