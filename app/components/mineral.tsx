/*
 * A mineral as every page shows it (ADR 091): its name in the reader's language, its element symbol (or the
 * usual abbreviation: NdPr, PGM, REE) in a tooltip. Values come from the project vocabulary or the reference
 * data (rare earths, copper); an unknown value shows as it is.
 */
import { MINERAL_SYMBOLS } from "~/domain/projects/vocabulary";
import { useT } from "~/i18n/react";

type KnownMineral = keyof typeof MINERAL_SYMBOLS;

function isKnown(value: string): value is KnownMineral {
  return Object.hasOwn(MINERAL_SYMBOLS, value);
}

/** The mineral's name in the reader's language, for text that cannot hold markup (an SVG label, a title). */
export function useMineralName(): (mineral: string) => string {
  const { t } = useT();
  return (mineral) => (isKnown(mineral) ? t(`vocabulary.mineral.${mineral}`) : mineral);
}

export function MineralName({ mineral }: { mineral: string }) {
  const name = useMineralName();
  return isKnown(mineral) ? (
    <span className="mineral" title={MINERAL_SYMBOLS[mineral]}>
      {name(mineral)}
    </span>
  ) : (
    <>{mineral}</>
  );
}

/** Several minerals, in the reader's list style ("Dysprosium, Terbium"; "ジスプロシウム、テルビウム"). */
export function MineralList({ minerals }: { minerals: readonly string[] }) {
  const { t } = useT();
  return (
    <>
      {minerals.map((mineral, index) => (
        <span key={mineral}>
          {index > 0 ? t("common.listSeparator") : null}
          <MineralName mineral={mineral} />
        </span>
      ))}
    </>
  );
}
