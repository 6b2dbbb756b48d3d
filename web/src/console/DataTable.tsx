import type { ComponentChildren } from "preact";

type Props = {
	/** The column headings, left to right. */
	columns: string[];
	caption?: ComponentChildren;
	busy?: boolean;
	/** The rows (`<tr>`s). */
	children: ComponentChildren;
	/** A class on the table, for a layout of its own (the audit log's rows stack on phones). */
	class?: string;
};

/** A table that scrolls sideways on narrow screens, with one heading per column. */
export function DataTable({ columns, caption, busy, children, class: extra }: Props) {
	return (
		<div class="table-wrap" aria-busy={busy}>
			<table class={extra ? `data-table ${extra}` : "data-table"}>
				{caption === undefined ? null : <caption>{caption}</caption>}
				<thead>
					<tr>
						{columns.map((c) => (
							<th key={c} scope="col">
								{c}
							</th>
						))}
					</tr>
				</thead>
				<tbody>{children}</tbody>
			</table>
		</div>
	);
}
