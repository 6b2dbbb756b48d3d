import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { type Branding, useBranding } from "./branding";
import { t } from "./i18n/i18n";
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
		if (state.status === "not_found") document.title = t("shell.notFound.title");
	}, [state, area]);

	if (state.status === "loading") {
		return (
			<main class="page narrow" aria-busy="true">
				<p class="muted">{t("page.loading")}</p>
			</main>
		);
	}
	if (state.status === "not_found") {
		return <NotFoundPage title={t("shell.notFound.title")} message={t("shell.notFound.body", { slug })} />;
	}
	if (state.status === "error") {
		return (
			<main class="page narrow">
				<h1>{t("page.loadFailed")}</h1>
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
					<a href={`tel:${branding.supportPhone.replaceAll(" ", "")}`}>
						{t("shell.call", { phone: branding.supportPhone })}
					</a>
				) : null}
				{branding.supportEmail ? (
					<a href={`mailto:${branding.supportEmail}`}>{branding.supportEmail}</a>
				) : null}
			</footer>
		</div>
	);
}
