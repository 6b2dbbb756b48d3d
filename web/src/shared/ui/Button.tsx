import type { IconNode } from "lucide";
import type { AnchorHTMLAttributes, ButtonHTMLAttributes, ComponentChildren } from "preact";
import { Icon } from "./Icon";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";

type Common = {
	variant?: ButtonVariant;
	size?: "md" | "sm";
	/** Shown before the words; the words stay, so the icon never has to carry the meaning. */
	icon?: IconNode;
	/** Stretches to the container's width (phones). */
	wide?: boolean;
	children: ComponentChildren;
};

type AsButton = Common &
	Omit<ButtonHTMLAttributes<HTMLButtonElement>, "size" | "icon"> & { href?: undefined };
type AsLink = Common & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "size" | "icon"> & { href: string };

const classes = ({ variant = "primary", size = "md", wide }: Common, extra: unknown) =>
	[
		"ui-button",
		`ui-button-${variant}`,
		size === "sm" ? "ui-button-sm" : "",
		wide ? "ui-button-wide" : "",
		extra,
	]
		.filter((c) => typeof c === "string" && c)
		.join(" ");

/** A button, or a link styled as one when it has `href` (navigation is a link, actions are buttons). */
export function Button(props: AsButton | AsLink) {
	const { variant, size, icon, wide, children, class: extra, ...rest } = props;
	const className = classes({ variant, size, wide, children }, extra);
	const content = (
		<>
			{icon ? <Icon icon={icon} size={size === "sm" ? 16 : 18} /> : null}
			<span>{children}</span>
		</>
	);
	if (rest.href !== undefined) {
		return (
			<a class={className} {...(rest as AnchorHTMLAttributes<HTMLAnchorElement>)}>
				{content}
			</a>
		);
	}
	const { type = "button", ...buttonRest } = rest as ButtonHTMLAttributes<HTMLButtonElement>;
	return (
		<button class={className} type={type} {...buttonRest}>
			{content}
		</button>
	);
}
