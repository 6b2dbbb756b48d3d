import type { IconNode } from "lucide";
import type { ComponentChildren } from "preact";
import { Icon } from "./Icon";

type Props = {
	icon: IconNode;
	title: string;
	/** What to do next, in words. */
	children: ComponentChildren;
	/** The next step as a button or link. */
	action?: ComponentChildren;
	headingLevel?: 2 | 3;
};

/** Nothing to show yet: says so, and says what to do next. */
export function EmptyState({ icon, title, children, action, headingLevel = 2 }: Props) {
	const Heading = headingLevel === 2 ? "h2" : "h3";
	return (
		<div class="ui-state ui-state-empty">
			<span class="ui-state-icon">
				<Icon icon={icon} size={24} />
			</span>
			<Heading class="ui-state-title">{title}</Heading>
			<div class="ui-state-body">{children}</div>
			{action ? <div class="ui-state-action">{action}</div> : null}
		</div>
	);
}
