/*
 * The resilience pages' words that come from data: figures in the reader's language (app/domain/resilience.ts
 * formats them; the CSV exports keep their own fixed format, ADR 113), and the names of minerals, stages,
 * countries and scenarios from the catalogues.
 */
import type { TFunction } from "i18next";
import { useMemo } from "react";
import { useMineralName } from "~/components/mineral";
import {
  formatDelta,
  formatHhi,
  formatMilli,
  formatPct,
  formatQuantity,
} from "~/domain/resilience";
import { SUPPLY_STAGES, type SupplyStage } from "~/domain/supply";
import { useFormat, useT } from "~/i18n/react";

export interface ResilienceFormat {
  hhi(value: number): string;
  pct(value: number, digits?: number): string;
  delta(value: number, digits?: number, suffix?: string): string;
  quantity(value: number): string;
  milli(value: bigint): string;
  country(code: string): string;
  mineral(mineral: string): string;
  stage(stage: string): string;
  /** "Rare earths — Refining". */
  group(mineral: string, stage: string): string;
  /** A stage in a country, as the supply chain adds links up: "Japan (refining)". */
  place(stage: string, country: string): string;
}

/** "Rare earths, refining": a mineral and stage as one name (the supply tab's notices say it the same way). */
export function groupName(t: TFunction, mineral: string, stage: string): string {
  return t("supply.groupName", { mineral, stage });
}

export function useResilienceFormat(): ResilienceFormat {
  const { t, language } = useT();
  const format = useFormat();
  const mineral = useMineralName();
  return useMemo(() => {
    const stage = (value: string) =>
      (SUPPLY_STAGES as readonly string[]).includes(value)
        ? t(`vocabulary.supplyStage.${value as SupplyStage}`)
        : value;
    return {
      hhi: (value) => formatHhi(value, language),
      pct: (value, digits = 1) => formatPct(value, digits, language),
      delta: (value, digits = 1, suffix = "") => formatDelta(value, digits, suffix, language),
      quantity: (value) => formatQuantity(value, language),
      milli: (value) => formatMilli(value, language),
      country: (code) => format.country(code),
      mineral,
      stage,
      group: (value, stageValue) => groupName(t, value, stageValue),
      place: (stageValue, code) =>
        t("resilience.chain.place", {
          country: format.country(code),
          stage: t(`supply.stageInName.${stageValue as SupplyStage}`),
        }),
    };
  }, [t, language, format, mineral]);
}
