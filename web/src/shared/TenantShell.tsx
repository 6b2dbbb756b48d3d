import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { type Branding, useBranding } from "./branding";
import { NotFoundPage } from "./NotFoundPage";

type Props = {
	slug: string;
	/** Which app this is, shown under the tenant's name ("Customer portal"). */
	area: string;
	children: (branding: Branding) => ComponentChildren;
};

/** Loads the tenant's branding, then renders its header and the app; an unknown slug is a not-found page. */
export function TenantShell({ slug, area, children }: Props) {
	const state = useBranding(slug);
	useEffect(() => {
		if (state.status === "ready") document.title = `${state.branding.name} · ${area}`;
		if (state.status === "not_found") document.title = "Portal not found";
	}, [state, area]);

	if (state.status === "loading") {
		return (
			<main class="page narrow" aria-busy="true">
				<p class="muted">Loading…</p>
			</main>
		);
	}
	if (state.status === "not_found") {
		return (
			<NotFoundPage
				title="Portal not found"
				message={`There is no portal at “${slug}”. Check the link your provider sent you.`}
			/>
		);
	}
	if (state.status === "error") {
		return (
			<main class="page narrow">
				<h1>We couldn't load this page</h1>
				<p role="alert">{state.message}</p>
			</main>
		);
	}
	const { branding } = state;
	return (
		<div class="tenant">
			<header class="brand-bar">
				{branding.logoUrl ? (
					<img class="brand-logo" src={branding.logoUrl} alt="" width={40} height={40} />
				) : null}
				<div>
					<p class="brand-name">{branding.name}</p>
					<p class="brand-area">{area}</p>
				</div>
			</header>
			{children(branding)}
			<footer class="page support">
				{branding.supportPhone ? (
					<a href={`tel:${branding.supportPhone.replaceAll(" ", "")}`}>Call {branding.supportPhone}</a>
				) : null}
				{branding.supportEmail ? (
					<a href={`mailto:${branding.supportEmail}`}>{branding.supportEmail}</a>
				) : null}
			</footer>
		</div>
	);
}
