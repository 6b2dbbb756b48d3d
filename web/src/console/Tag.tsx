import type { IconNode } from "lucide";
import type { ComponentChildren } from "preact";
import { Icon } from "../shared/ui/Icon";

export type TagTone = "neutral" | "info" | "active" | "warning" | "success" | "danger" | "brand";

/**
 * A small label beside a name ("Customer booking", "Late", "Blocked"): the status chip's look,
 * with an icon beside the words so colour never says it alone.
 */
export function Tag({
	tone,
	icon,
	children,
}: {
	tone: TagTone;
	icon?: IconNode;
	children: ComponentChildren;
}) {
	return (
		<span class={`ui-chip ui-chip-${tone} tag`}>
			{icon ? <Icon icon={icon} size={14} /> : null}
			<span>{children}</span>
		</span>
	);
}
