/* A table's header row: one <th scope="col"> a column, numeric columns right-aligned like their cells. */
import type { ReactNode } from "react";

export interface Column {
  label: ReactNode;
  numeric?: boolean;
}

export function TableHead({ columns }: { columns: ReadonlyArray<Column> }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) => (
          <th key={index} scope="col" className={column.numeric ? "num" : undefined}>
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
