import type { IconNode } from "lucide";

type Props = {
	/** A Lucide icon, imported by name from "lucide" so only the icons used are bundled. */
	icon: IconNode;
	size?: number;
	/** Read by screen readers; without it the icon is decoration beside words that say the same. */
	label?: string;
	class?: string;
};

/** One Lucide icon as inline SVG, drawn in the current text colour. */
export function Icon({ icon, size = 20, label, class: className }: Props) {
	return (
		<svg
			class={className ? `icon ${className}` : "icon"}
			xmlns="http://www.w3.org/2000/svg"
			width={size}
			height={size}
			viewBox="0 0 24 24"
			fill="none"
			stroke="currentColor"
			stroke-width="2"
			stroke-linecap="round"
			stroke-linejoin="round"
			role={label ? "img" : undefined}
			aria-label={label}
			aria-hidden={label ? undefined : "true"}
			focusable="false"
		>
			{icon.map(([tag, attrs]) => {
				const Tag = tag as "path";
				return <Tag key={JSON.stringify(attrs)} {...(attrs as Record<string, string>)} />;
			})}
		</svg>
	);
}
