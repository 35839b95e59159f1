import { pointerWithin, rectIntersection, type CollisionDetection } from "@dnd-kit/core";

/**
 * The column a dragged card is over: the one under the pointer, as the person sees it. dnd-kit's default
 * (rectIntersection) ranks columns by the share of the column's area the card covers, so a short, empty column
 * the card grazes beats the long column the pointer is in, and the card lands in a status nobody chose. Only
 * over the gap between columns does that ranking decide.
 */
export const columnUnderPointer: CollisionDetection = (args) => {
  const underPointer = pointerWithin(args);
  return underPointer.length > 0 ? underPointer : rectIntersection(args);
};
