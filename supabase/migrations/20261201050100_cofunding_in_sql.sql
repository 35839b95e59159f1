-- "A conditional pledge is triggered", in SQL (issue 18, docs/decisions/071-*.md): the co-funding engine of
-- app/domain/cofunding.ts (ADR 030) as one PL/pgSQL function, with the money arithmetic it stands on (minor
-- digits, exact conversion rounded half to even). The rollups (ADR 072) and the public pages use these; the
-- TypeScript engine stays for the pledge pages, and tests/db/cofunding-sql.test.ts proves the two agree on
-- generated cases, on both engines.

------------------------------------------------------------------------------------------------------------
-- Money: the digits of a currency's minor unit, as ICU states them (app/utils/money.ts reads them from
-- Intl.NumberFormat; the test compares every code), and conversion as app/utils/fx.ts does it.
------------------------------------------------------------------------------------------------------------
create or replace function private.minor_digits(code text) returns int
language sql immutable parallel safe set search_path = ''
as $$
  select case
    when code = any (array['AFN','ALL','BIF','CLP','COP','DJF','GNF','HUF','IDR','IQD','IRR','ISK','JPY',
                           'KMF','KPW','KRW','LAK','LBP','MGA','MMK','PKR','PYG','RWF','SOS','SYP','UGX',
                           'VND','VUV','XAF','XOF','XPF','YER']::text[]) then 0
    when code = any (array['BHD','JOD','KWD','LYD','OMR','TND']::text[]) then 3
    else 2
  end
$$;

-- numerator ÷ denominator rounded to the nearest integer, ties to even (denominator > 0).
create or replace function private.divide_round_half_even(numerator numeric, denominator numeric)
returns numeric
language plpgsql immutable parallel safe set search_path = ''
as $$
declare
  quotient numeric := div(numerator, denominator);
  twice numeric := 2 * abs(mod(numerator, denominator));
  away numeric := case when numerator < 0 then quotient - 1 else quotient + 1 end;
begin
  if denominator <= 0 then
    raise exception 'divide_round_half_even needs a positive denominator' using errcode = '22012';
  end if;
  if twice < denominator then
    return quotient;
  elsif twice > denominator then
    return away;
  end if;
  return case when mod(quotient, 2) = 0 then quotient else away end;
end
$$;

-- Minor units of `source` into minor units of `target` at `rate` (target per 1 source, in major units):
-- one exact fraction, rounded once, half to even.
create or replace function private.convert_minor(minor numeric, source text, target text, rate numeric)
returns numeric
language sql immutable parallel safe set search_path = ''
as $$
  select case
    when source = target then minor
    else private.divide_round_half_even(
           minor * (rate * power(10::numeric, scale(rate)))
             * power(10::numeric, private.minor_digits(target)),
           power(10::numeric, scale(rate)) * power(10::numeric, private.minor_digits(source)))
  end
$$;

------------------------------------------------------------------------------------------------------------
-- The engine. Input: one project's pledges, amounts already in minor units of the reporting currency, as a
-- JSON array of {"id", "member_id", "status", "amount", "rule"}, where rule is null or
--   {"kind": "min_other_members", "n": 2}
--   {"kind": "min_cofunding", "amount_minor": "1000"}                         (reporting currency)
--   {"kind": "match", "numerator": 1, "denominator": 1, "cap_minor": "500"}   (converted to reporting)
-- Output: each pledge's state, counting and pending parts, and whether it waits only on a cycle; in input
-- order. The least fixed point, as ADR 030 describes: every conditional pledge starts pending, whatever holds
-- given the money counting flips, until nothing changes; matches are recomputed each round from the
-- non-match money counting. The greatest fixed point (start holding, drop what fails) tells a pledge that
-- waits only on other pledges that wait on it.
------------------------------------------------------------------------------------------------------------
create or replace function private.cofunding_evaluation(pledges jsonb)
returns table (id text, state text, counting numeric, pending numeric, waits_on_each_other boolean)
language plpgsql immutable parallel safe set search_path = ''
as $$
declare
  n int := coalesce(jsonb_array_length(pledges), 0);
  ids text[] := array[]::text[];
  members text[] := array[]::text[];
  statuses text[] := array[]::text[];
  amounts numeric[] := array[]::numeric[];
  kinds text[] := array[]::text[];
  needs int[] := array[]::int[];
  thresholds numeric[] := array[]::numeric[];
  numerators numeric[] := array[]::numeric[];
  denominators numeric[] := array[]::numeric[];
  caps numeric[] := array[]::numeric[];
  live boolean[] := array[]::boolean[];
  threshold_count int := 0;
  -- the two fixed points: index 1 = least, 2 = greatest
  least_triggered boolean[];
  least_matched numeric[];
  greatest_triggered boolean[];
  greatest_matched numeric[];
  triggered boolean[];
  matched numeric[];
  next_matched numeric[];
  flips int[];
  direction int;
  rounds int;
  changed boolean;
  holding boolean;
  i int;
  j int;
  amount numeric;
  other_money numeric;
  match_base numeric;
  counted text[];
  proportional numeric;
  result_amount numeric;
  mine numeric;
  would numeric;
  pledge jsonb;
begin
  if n > 0 then
    for i in 1 .. n loop
      pledge := pledges -> (i - 1);
      ids := ids || (pledge ->> 'id');
      members := members || (pledge ->> 'member_id');
      statuses := statuses || (pledge ->> 'status');
      amounts := amounts || (pledge ->> 'amount')::numeric;
      if (pledge ->> 'amount')::numeric < 0 then
        raise exception 'Pledge % has a negative amount', pledge ->> 'id' using errcode = '22003';
      end if;
      kinds := kinds || (pledge #>> '{rule,kind}');
      needs := needs || (pledge #>> '{rule,n}')::int;
      thresholds := thresholds || (pledge #>> '{rule,amount_minor}')::numeric;
      numerators := numerators || (pledge #>> '{rule,numerator}')::numeric;
      denominators := denominators || (pledge #>> '{rule,denominator}')::numeric;
      caps := caps || (pledge #>> '{rule,cap_minor}')::numeric;
      live := live || ((pledge ->> 'status') in ('committed', 'disbursing', 'fulfilled'));
      if live[i] and kinds[i] in ('min_other_members', 'min_cofunding') then
        threshold_count := threshold_count + 1;
      end if;
    end loop;
  end if;

  for direction in 1 .. 2 loop
    triggered := array_fill(direction = 2, array[greatest(n, 1)]);
    matched := array_fill(null::numeric, array[greatest(n, 1)]);
    rounds := 0;
    loop
      rounds := rounds + 1;
      if rounds > threshold_count + 3 then
        raise exception 'The co-funding rules did not settle (engine bug)' using errcode = 'P0001';
      end if;
      changed := false;
      -- Matches first, from the money counting at the start of the round.
      next_matched := matched;
      for i in 1 .. n loop
        continue when not live[i] or kinds[i] is distinct from 'match';
        match_base := 0;
        for j in 1 .. n loop
          continue when not live[j] or members[j] = members[i] or kinds[j] is not distinct from 'match';
          match_base := match_base + case
            when kinds[j] is null then amounts[j]
            when triggered[j] then amounts[j]
            else 0 end;
        end loop;
        proportional := div(match_base * numerators[i], denominators[i]);
        result_amount := least(proportional, caps[i], amounts[i]);
        next_matched[i] := greatest(result_amount, 0);
        if matched[i] is distinct from next_matched[i] then
          changed := true;
        end if;
      end loop;
      matched := next_matched;
      -- Then the thresholds, measured with the new matches and the round's starting thresholds.
      flips := array[]::int[];
      for i in 1 .. n loop
        continue when not live[i] or kinds[i] not in ('min_other_members', 'min_cofunding')
                      or kinds[i] is null;
        other_money := 0;
        counted := array[]::text[];
        for j in 1 .. n loop
          continue when not live[j] or members[j] = members[i];
          amount := case
            when kinds[j] is null then amounts[j]
            when kinds[j] = 'match' then coalesce(matched[j], 0)
            when triggered[j] then amounts[j]
            else 0 end;
          if amount > 0 and not (members[j] = any (counted)) then
            counted := counted || members[j];
          end if;
          other_money := other_money + amount;
        end loop;
        holding := case kinds[i]
          when 'min_other_members' then cardinality(counted) >= needs[i]
          else other_money >= thresholds[i] end;
        if (direction = 1 and holding and not triggered[i])
           or (direction = 2 and not holding and triggered[i]) then
          flips := flips || i;
        end if;
      end loop;
      if cardinality(flips) > 0 then
        foreach i in array flips loop
          triggered[i] := direction = 1;
        end loop;
        changed := true;
      end if;
      exit when not changed;
    end loop;
    if direction = 1 then
      least_triggered := triggered;
      least_matched := matched;
    else
      greatest_triggered := triggered;
      greatest_matched := matched;
    end if;
  end loop;

  for i in 1 .. n loop
    id := ids[i];
    if statuses[i] in ('draft', 'withdrawn') then
      state := statuses[i];
      counting := 0;
      pending := 0;
      waits_on_each_other := false;
    elsif kinds[i] is null then
      state := 'committed';
      counting := amounts[i];
      pending := 0;
      waits_on_each_other := false;
    else
      mine := case when kinds[i] = 'match' then coalesce(least_matched[i], 0)
                   when least_triggered[i] then amounts[i] else 0 end;
      would := case when kinds[i] = 'match' then coalesce(greatest_matched[i], 0)
                    when greatest_triggered[i] then amounts[i] else 0 end;
      state := case when mine > 0 then 'triggered' else 'pending' end;
      counting := mine;
      pending := amounts[i] - mine;
      waits_on_each_other := would > mine;
    end if;
    return next;
  end loop;
end
$$;

revoke execute on all functions in schema private from public;
grant execute on function private.minor_digits(text), private.divide_round_half_even(numeric, numeric),
  private.convert_minor(numeric, text, text, numeric), private.cofunding_evaluation(jsonb)
  to authenticated, service_role;
