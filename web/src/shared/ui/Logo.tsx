import type { Branding } from "../branding";

type Props = {
	branding: Pick<Branding, "logoUrl" | "logoSize">;
	/** The height it is drawn at, in CSS pixels; the width follows the logo's own aspect ratio. */
	height: number;
	class?: string;
	alt?: string;
};

/**
 * A tenant's logo at its own aspect ratio. With the intrinsic size known, width and height are both
 * set, so the page reserves the logo's box before the image arrives and nothing shifts.
 */
export function Logo({ branding, height, class: className, alt = "" }: Props) {
	if (!branding.logoUrl) return null;
	const size = branding.logoSize;
	const width = size ? Math.round((height * size.width) / size.height) : undefined;
	return (
		<img class={className} src={branding.logoUrl} alt={alt} width={width} height={height} decoding="async" />
	);
}
