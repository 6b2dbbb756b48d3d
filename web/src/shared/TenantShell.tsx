import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { type Branding, useBranding } from "./branding";
import { t } from "./i18n/i18n";
import { NotFoundPage } from "./NotFoundPage";
import { OfflineStatus } from "./offline/OfflineStatus";
import { Logo } from "./ui/Logo";
import { Skeleton } from "./ui/Skeleton";

type Props = {
	slug: string;
	/** Which app this is, shown under the tenant's name ("Customer portal"). */
	area: string;
	/** The app installs to a home screen under the tenant's name: `c` portal, `t` technician app. */
	installable?: "c" | "t";
	/** At the end of the header: the account menu. */
	headerEnd?: (branding: Branding) => ComponentChildren;
	/** Between the header and the page: the app's navigation. */
	nav?: (branding: Branding) => ComponentChildren;
	/**
	 * Keep the skeleton up while this holds: the portal waits for the session too, so that its
	 * header, navigation and page appear together and nothing moves under them afterwards.
	 */
	waitFor?: boolean;
	/** Branding the page already has (a tracking link's answer carries it): none is fetched. */
	branding?: Branding;
	children: (branding: Branding) => ComponentChildren;
	/** A class on the frame, for an app's own layout (the console's wider page). */
	frameClass?: string;
};

/**
 * The header's height and the page's skeleton while the branding loads. Its elements are keyed
 * apart from the shell's, so the shell replaces them instead of moving them.
 */
export function ShellSkeleton({ frameClass }: { frameClass?: string } = {}) {
	return (
		<div class={frameClass ? `tenant app-frame ${frameClass}` : "tenant app-frame"} key="shell-skeleton">
			<div class="brand-bar brand-bar-loading" aria-hidden="true">
				<div class="frame-row brand-bar-inner">
					<Skeleton width="8rem" height="1.5rem" />
				</div>
			</div>
			<PageSkeleton />
		</div>
	);
}

/** A page's place in the shell while its code loads: a heading and a line, and a screen tall. */
export function PageSkeleton() {
	return (
		<main class="frame-row app-main" aria-busy="true">
			<span class="visually-hidden" role="status">
				{t("page.loading")}
			</span>
			<Skeleton width="min(24rem, 80%)" height="2rem" />
			<Skeleton width="min(36rem, 95%)" />
		</main>
	);
}

/**
 * Links the tenant's web app manifest. index.html is one page for every tenant and app, so the
 * link is set here for the app on screen, and removed when it leaves.
 */
function useWebAppManifest(app: "c" | "t" | undefined, slug: string) {
	useEffect(() => {
		if (!app) return;
		const link = document.createElement("link");
		link.rel = "manifest";
		link.href = `/${app}/${encodeURIComponent(slug)}/manifest.webmanifest`;
		document.head.append(link);
		return () => link.remove();
	}, [app, slug]);
}

/** A logo at least 2.5 times as wide as it is tall carries the name itself: a phone need not repeat it beside. */
function isWordmark(branding: Branding): boolean {
	const size = branding.logoSize;
	return Boolean(branding.logoUrl && size && size.width >= 2.5 * size.height);
}

/** Loads the tenant's branding, then renders its header, the app and the support footer on one grid. */
export function TenantShell({
	slug,
	area,
	installable,
	headerEnd,
	nav,
	waitFor,
	branding: known,
	children,
	frameClass,
}: Props) {
	const state = useBranding(slug, known);
	useWebAppManifest(installable, slug);
	useEffect(() => {
		if (state.status === "ready") document.title = `${state.branding.name} · ${area}`;
		if (state.status === "not_found") document.title = t("shell.notFound.title");
	}, [state, area]);

	if (state.status === "loading" || (state.status === "ready" && waitFor))
		return <ShellSkeleton frameClass={frameClass} />;
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
		<div class={frameClass ? `tenant app-frame ${frameClass}` : "tenant app-frame"} key="shell">
			<header class="brand-bar">
				<div class="frame-row brand-bar-inner">
					<Logo class="brand-logo" branding={branding} height={32} />
					<div class={isWordmark(branding) ? "brand-text brand-text-wordmark" : "brand-text"}>
						<p class="brand-name">{branding.name}</p>
						<p class="brand-area">{area}</p>
					</div>
					{headerEnd ? <div class="brand-bar-end">{headerEnd(branding)}</div> : null}
				</div>
			</header>
			{nav?.(branding)}
			<OfflineStatus timeZone={branding.timezone} />
			{children(branding)}
			<footer class="app-footer">
				<div class="frame-row support">
					<span class="support-who">{branding.name}</span>
					{branding.supportPhone ? (
						<a href={`tel:${branding.supportPhone.replaceAll(" ", "")}`}>
							{t("shell.call", { phone: branding.supportPhone })}
						</a>
					) : null}
					{branding.supportEmail ? (
						<a href={`mailto:${branding.supportEmail}`}>{branding.supportEmail}</a>
					) : null}
				</div>
			</footer>
		</div>
	);
}
