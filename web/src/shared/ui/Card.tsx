import type { ComponentChildren } from "preact";

type Props = {
	/** `section` with a heading gives the card a landmark name; `article` for one item of a list. */
	as?: "div" | "section" | "article";
	/** `flat` sits on a surface already; `raised` floats on the canvas. */
	tone?: "raised" | "flat";
	padding?: "md" | "lg" | "none";
	class?: string;
	children: ComponentChildren;
	id?: string;
	"aria-labelledby"?: string;
	"aria-label"?: string;
};

/** A surface that groups one thing: a job, the live view, a set of facts. */
export function Card({
	as: Tag = "div",
	tone = "raised",
	padding = "md",
	class: extra,
	children,
	...rest
}: Props) {
	const className = ["ui-card", `ui-card-${tone}`, `ui-card-pad-${padding}`, extra].filter(Boolean).join(" ");
	return (
		<Tag class={className} {...rest}>
			{children}
		</Tag>
	);
}
