/**
 * Plain-text tables for list commands: columns padded to their widest cell, long cells cut with "…" so a
 * row stays on one line, and no colours, so the output reads the same in a terminal, a file or a test.
 */
export interface Column<Row> {
  title: string;
  value(row: Row): string;
  /** Cells longer than this are cut (default: never). */
  max?: number;
}

function cut(text: string, max: number | undefined): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return max !== undefined && oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

export function formatTable<Row>(rows: Row[], columns: Column<Row>[]): string[] {
  const cells = rows.map((row) => columns.map((column) => cut(column.value(row), column.max)));
  const widths = columns.map((column, index) => Math.max(column.title.length, ...cells.map((line) => line[index].length)));
  const render = (line: string[]) =>
    line
      .map((cell, index) => (index === line.length - 1 ? cell : cell.padEnd(widths[index])))
      .join('  ')
      .trimEnd();
  return [render(columns.map((column) => column.title)), ...cells.map(render)];
}
