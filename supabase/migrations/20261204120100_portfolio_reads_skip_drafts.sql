-- The portfolio page's per-project lists read only what they show (issue 18, docs/decisions/173-*.md).
--
-- Indexes only: no table, column, policy or grant changes, so what each reader may see is unchanged.
--
-- The lists of milestones at risk and of the largest gaps show live projects only (submitted, approved,
-- completed), but they walked indexes that hold drafts too. The first draft row met made the policy's
-- "or the project is one of my drafts" branch run, which builds the set of every draft of the caller's
-- government: as a delegate at N = 20,000 that set grows with the partnership, for rows the statement then
-- drops. Partial indexes without drafts let the statements (which now say "not a draft") never meet one; the
-- planner proves the policy's "not a draft" branch from the index's predicate.
create index milestones_live_partnership_status_due_idx on public.milestones
  (partnership_id, status, due_date, id) where not project_is_draft;
create index project_funding_live_shortfall_idx on public.project_funding
  (partnership_id, (coalesce(sought_minor, 0) - committed_minor - triggered_minor) desc)
  where not project_is_draft;

-- The names of the projects without a location (the map's "not on the map" list) read every project of the
-- partnership to find the few, often none, without one: this index holds only those.
create index projects_unplaced_by_name_idx on public.projects (partnership_id, name, id)
  where latitude is null or longitude is null;
