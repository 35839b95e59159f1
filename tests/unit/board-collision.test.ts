// Which column a dragged card lands in (app/components/board-collision.ts): the one under the pointer, not the
// one whose area the card covers the largest share of (dnd-kit's default), which on a board of uneven columns
// can be a short neighbour the card only grazes.
import { rectIntersection, type CollisionDetection } from "@dnd-kit/core";
import { columnUnderPointer } from "~/components/board-collision";

type Args = Parameters<CollisionDetection>[0];
type Box = { left: number; top: number; width: number; height: number };

const rect = ({ left, top, width, height }: Box) => ({
  left,
  top,
  width,
  height,
  right: left + width,
  bottom: top + height,
});

/** Three columns 200 wide with 8 between them, as the board lays them out; heights as their cards make them. */
function board(heights: Record<"planned" | "in_progress" | "at_risk", number>) {
  const columns = Object.entries(heights).map(([id, height], i) => ({
    id,
    box: rect({ left: 24 + i * 208, top: 100, width: 200, height }),
  }));
  return {
    droppableContainers: columns.map(({ id }) => ({ id, key: id, disabled: false })),
    droppableRects: new Map(columns.map(({ id, box }) => [id, box])),
  };
}

/** The drag as dnd-kit describes it: the card's rectangle where it is now, and the pointer. */
function drag(
  card: Box,
  pointer: { x: number; y: number } | null,
  columns: ReturnType<typeof board>,
) {
  return {
    ...columns,
    active: { id: "card" },
    collisionRect: rect(card),
    pointerCoordinates: pointer,
  } as unknown as Args;
}

const winner = (detect: CollisionDetection, args: Args) => detect(args)[0]?.id ?? null;

describe("the column a dragged card is over", () => {
  // A card 180 wide, grabbed 26 from its left edge, carried to the middle of "in progress" (x = 332).
  const card = { left: 306, top: 150, width: 180, height: 120 };
  const pointer = { x: 332, y: 160 };

  it("is the long column under the pointer, not the short empty one the card grazes", () => {
    const columns = board({ planned: 400, in_progress: 1400, at_risk: 160 });
    // dnd-kit's default would drop it in "at risk": the share of that small column the card covers is larger.
    expect(winner(rectIntersection, drag(card, pointer, columns))).toBe("at_risk");
    expect(winner(columnUnderPointer, drag(card, pointer, columns))).toBe("in_progress");
  });

  it("is the column under the pointer whatever the columns' heights", () => {
    for (const height of [160, 400, 1400, 4000]) {
      const columns = board({ planned: 400, in_progress: height, at_risk: 160 });
      expect(winner(columnUnderPointer, drag(card, pointer, columns))).toBe("in_progress");
    }
  });

  it("over the gap between two columns, is the one the card covers", () => {
    const columns = board({ planned: 400, in_progress: 400, at_risk: 400 });
    const inGap = { x: 228, y: 160 }; // between "planned" (ends at 224) and "in progress" (starts at 232)
    const mostlyInProgress = { left: 210, top: 150, width: 180, height: 120 };
    expect(winner(columnUnderPointer, drag(mostlyInProgress, inGap, columns))).toBe("in_progress");
  });

  it("is none when neither the pointer nor the card is over a column", () => {
    const columns = board({ planned: 400, in_progress: 400, at_risk: 400 });
    const below = { left: 306, top: 900, width: 180, height: 120 };
    expect(winner(columnUnderPointer, drag(below, { x: 332, y: 910 }, columns))).toBeNull();
    expect(winner(columnUnderPointer, drag(below, null, columns))).toBeNull();
  });
});
