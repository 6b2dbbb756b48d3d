import { useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import { ActionError, useStaffAction } from "../staffAction";
import { assignFromBoard, type BoardFeed, type BoardJob, type BoardTechnician } from "./boardFeed";

type Props = {
	slug: string;
	job: BoardJob;
	feed: BoardFeed;
	technicians: BoardTechnician[];
	onAssigned: (job: BoardJob, message: string) => void;
	/** Closed without assigning (Escape, or focus left); focus goes back to the card. */
	onClose: () => void;
};

/**
 * The keyboard way to assign, opened with A on a focused card: a list of technicians picked
 * with the digits shown beside them or the arrow keys, Enter to assign, Escape to close.
 * A listbox, so a screen reader announces each choice as it becomes active.
 */
export function AssignPicker({ slug, job, feed, technicians, onAssigned, onClose }: Props) {
	const id = useId();
	const list = useRef<HTMLDivElement>(null);
	const choices = [...technicians.map((t) => ({ id: t.id, name: t.name })), { id: "", name: "Unassigned" }];
	const current = choices.findIndex((c) => c.id === (job.technicianId ?? ""));
	const [active, setActive] = useState(job.technicianId ? current : 0);
	const { pending, error, run } = useStaffAction("technicianId");

	// Before the next key arrives: "A 2 Enter" typed fast must land in the list.
	useLayoutEffect(() => list.current?.focus(), []);

	async function assign(index: number) {
		const choice = choices[index];
		if (!choice || pending) return;
		if (choice.id === (job.technicianId ?? "")) return onClose();
		await run(async () => {
			const assigned = await assignFromBoard(slug, feed, job.id, choice.id || null);
			onAssigned(assigned.job, assigned.message);
		});
	}

	function onKeyDown(event: KeyboardEvent) {
		if (event.altKey || event.ctrlKey || event.metaKey) return;
		const last = choices.length - 1;
		let next: number | undefined;
		if (event.key === "ArrowDown") next = Math.min(last, active + 1);
		else if (event.key === "ArrowUp") next = Math.max(0, active - 1);
		else if (event.key === "Home") next = 0;
		else if (event.key === "End") next = last;
		else if (/^[0-9]$/.test(event.key)) {
			// 1–9 are the first nine technicians; 0 is "Unassigned".
			const digit = Number(event.key);
			next = digit === 0 ? last : digit - 1 < last ? digit - 1 : undefined;
		} else if (event.key === "Enter") {
			event.preventDefault();
			void assign(active);
			return;
		} else if (event.key === "Escape") {
			event.preventDefault();
			event.stopPropagation();
			onClose();
			return;
		}
		if (next === undefined) return;
		event.preventDefault();
		setActive(next);
	}

	const optionId = (index: number) => `${id}-option-${index}`;
	return (
		<fieldset class="assign-picker">
			<legend id={`${id}-title`}>Assign job #{job.number}</legend>
			<div
				ref={list}
				role="listbox"
				tabIndex={0}
				class="assign-picker-list"
				aria-labelledby={`${id}-title`}
				aria-describedby={`${id}-keys`}
				aria-activedescendant={optionId(active)}
				aria-busy={pending ? "true" : undefined}
				onKeyDown={onKeyDown}
				onMouseDown={(e) => e.preventDefault()}
				onClick={(e) => {
					// A click picks and assigns at once; the list keeps focus (mousedown did not take it).
					const index = Number((e.target as HTMLElement).closest<HTMLElement>("[data-index]")?.dataset.index);
					if (!Number.isInteger(index)) return;
					setActive(index);
					void assign(index);
				}}
				onBlur={(e) => {
					// Leaving the list with Tab, or a click elsewhere, closes it.
					if (!pending && !e.currentTarget.contains(e.relatedTarget as Node | null)) onClose();
				}}
			>
				{choices.map((choice, index) => (
					<div
						key={choice.id || "none"}
						id={optionId(index)}
						role="option"
						tabIndex={-1}
						data-index={index}
						aria-selected={index === active}
						class={index === active ? "assign-option is-active" : "assign-option"}
					>
						<span class="assign-key" aria-hidden="true">
							{index === choices.length - 1 ? 0 : index < 9 ? index + 1 : ""}
						</span>
						{choice.name}
						{index === current ? <span class="muted"> (now)</span> : null}
					</div>
				))}
			</div>
			<p id={`${id}-keys`} class="assign-picker-keys">
				<kbd>↑</kbd>
				<kbd>↓</kbd> or <kbd>1</kbd>–<kbd>9</kbd> to pick, <kbd>Enter</kbd> to assign, <kbd>Esc</kbd> to close
			</p>
			<ActionError id={`${id}-error`} error={error} />
		</fieldset>
	);
}
