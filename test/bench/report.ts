// The table the benchmark prints and the JSON it writes: one row per measure, with its goal.

export type Goal = { op: "<=" | ">=" | "=="; target: number };

export type Row = {
	measure: string;
	/** The measured figure, with its unit in `unit`. */
	value: number;
	unit: string;
	/** The figure the goal is judged on (a ratio, or the value itself for counts). */
	ratio: number | null;
	goal: Goal | null;
	met: boolean | null;
	note?: string;
};

export function judged(goal: Goal, figure: number): boolean {
	if (!Number.isFinite(figure)) return false;
	if (goal.op === "<=") return figure <= goal.target;
	if (goal.op === ">=") return figure >= goal.target;
	return figure === goal.target;
}

/** A row whose goal is judged on `ratio` (or on `value` when there is no ratio). */
export function row(
	measure: string,
	value: number,
	unit: string,
	ratio: number | null,
	goal: Goal | null,
	note?: string,
): Row {
	const figure = ratio ?? value;
	return { measure, value, unit, ratio, goal, met: goal ? judged(goal, figure) : null, note };
}

const fmt = (n: number | null) =>
	n === null ? "" : Number.isInteger(n) ? String(n) : Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2);

export function formatTable(rows: Row[]): string {
	const cells = rows.map((r) => [
		r.measure,
		`${fmt(r.value)} ${r.unit}`.trim(),
		fmt(r.ratio),
		r.goal ? `${r.goal.op} ${r.goal.target}` : "",
		r.met === null ? "" : r.met ? "met" : "NOT MET",
	]);
	const header = ["measure", "value", "ratio", "goal", "met"];
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
	const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i] ?? 0)).join(" | ")} |`;
	return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}
