import { FileText, FolderOpen, House, ListChecks, Plus, ReceiptText } from "lucide";
import type { ComponentType } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { Route } from "preact-iso";
import { AreaNav, type NavLink } from "../shared/auth/AreaNav";
import { AreaRouter } from "../shared/auth/AreaRouter";
import { type Me, useSession } from "../shared/auth/session";
import type { Branding } from "../shared/branding";
import { t } from "../shared/i18n/i18n";
import { PageSkeleton, TenantShell } from "../shared/TenantShell";
import { AccountMenu } from "./AccountMenu";
import { useWaitingBookingsModule } from "./booking/useWaitingBookingsModule";
import { bookLabel, canBook, canSeeJobs, portalPath } from "./customerApi";
import { PortalHome } from "./PortalHome";
import "./portal.css";

/**
 * A page in a chunk of its own: until its code is in, the page's place holds a skeleton a
 * screen tall, so the footer does not sit under the navigation meanwhile and then jump down.
 */
function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
	let loaded: ComponentType<P> | null = null;
	return function LazyPage(props: P) {
		const [failure, setFailure] = useState<unknown>(null);
		const [, setReady] = useState(false);
		useEffect(() => {
			if (loaded) return;
			let live = true;
			load().then(
				(page) => {
					loaded = page;
					if (live) setReady(true);
				},
				(err: unknown) => live && setFailure(err),
			);
			return () => {
				live = false;
			};
		}, []);
		// A chunk that cannot load (an old tab after a deploy) is the app's ErrorBoundary's to show.
		if (failure) throw failure;
		const Page = loaded;
		return Page ? <Page {...props} /> : <PageSkeleton />;
	};
}

// Each page beyond home is its own chunk, so the portal's first load stays small.
const BookingPage = lazyPage(() => import("./booking/BookingPage").then((m) => m.BookingPage));
const JobsPage = lazyPage(() => import("./jobs/JobsPage").then((m) => m.JobsPage));
const JobDetailPage = lazyPage(() => import("./jobs/JobDetailPage").then((m) => m.JobDetailPage));
const EstimatesPage = lazyPage(() => import("./estimates/EstimatesPage").then((m) => m.EstimatesPage));
const EstimateDetailPage = lazyPage(() =>
	import("./estimates/EstimateDetailPage").then((m) => m.EstimateDetailPage),
);
const InvoicesPage = lazyPage(() => import("./invoices/InvoicesPage").then((m) => m.InvoicesPage));
const InvoiceDetailPage = lazyPage(() =>
	import("./invoices/InvoiceDetailPage").then((m) => m.InvoiceDetailPage),
);
const RecurringPage = lazyPage(() => import("./recurring/RecurringPage").then((m) => m.RecurringPage));
const AccountPage = lazyPage(() => import("./account/AccountPage").then((m) => m.AccountPage));
const ProfilePage = lazyPage(() => import("./ProfilePage").then((m) => m.ProfilePage));
const DocumentsPage = lazyPage(() => import("./documents/DocumentsPage").then((m) => m.DocumentsPage));
const QuoteRequestPage = lazyPage(() =>
	import("./estimates/QuoteRequestPage").then((m) => m.QuoteRequestPage),
);

type Props = { slug: string };

/** Home, history, estimates, invoices, and booking for those whose role may book (the first of the tenant's job kinds). */
const portalNav =
	(slug: string, branding: Branding) =>
	(me: Me): NavLink[] => {
		const links: NavLink[] = [{ href: portalPath(slug), label: t("portal.nav.home"), icon: House }];
		// Billing contacts have invoices and payments only: no jobs in their navigation.
		if (canSeeJobs(me.role))
			links.push({
				href: portalPath(slug, "/jobs"),
				label: t("portal.jobs.title"),
				short: t("nav.short.jobs"),
				icon: ListChecks,
			});
		links.push(
			{ href: portalPath(slug, "/estimates"), label: t("portal.nav.estimates"), icon: FileText },
			{ href: portalPath(slug, "/invoices"), label: t("portal.nav.invoices"), icon: ReceiptText },
			{ href: portalPath(slug, "/documents"), label: t("nav.documents"), icon: FolderOpen },
		);
		const kind = branding.jobKinds[0];
		if (kind && canBook(me.role))
			links.push({
				href: portalPath(slug, "/book"),
				label: bookLabel(kind).link,
				short: t("nav.short.book"),
				icon: Plus,
			});
		return links;
	};

/** Sends the signed-in customer's bookings made offline, on every page, once there are any. */
function OutboxSender({ slug }: Props) {
	const session = useSession("c", slug);
	const contactId = session.state.status === "signed-in" ? session.state.me.id : null;
	const outbox = useWaitingBookingsModule(slug, contactId);
	// `refresh` reads only the area and slug: the same callback serves while the slug stays.
	const onSignedOut = useCallback(() => void session.refresh(), [slug]);
	if (!outbox || !contactId) return null;
	return <outbox.WaitingBookingsSender owner={{ slug, contactId }} onSignedOut={onSignedOut} />;
}

export function PortalApp({ slug }: Props) {
	// Who is signed in decides the navigation and the account menu: the shell waits for it (both
	// reads start together, see firstLoad.ts), so they do not push the page down when they appear.
	const session = useSession("c", slug);
	return (
		<TenantShell
			slug={slug}
			area={t("portal.area")}
			installable="c"
			waitFor={session.state.status === "loading"}
			headerEnd={() => <AccountMenu slug={slug} />}
			nav={(branding) => <AreaNav area="c" slug={slug} links={portalNav(slug, branding)} />}
		>
			{(branding) => (
				<>
					<AreaRouter
						area="c"
						slug={slug}
						tenantName={branding.name}
						supportPhone={branding.supportPhone}
						bare
					>
						<Route path="/" component={PortalHome} slug={slug} branding={branding} />
						<Route path="/book" component={BookingPage} slug={slug} branding={branding} />
						<Route path="/jobs" component={JobsPage} slug={slug} branding={branding} />
						<Route path="/recurring" component={RecurringPage} slug={slug} branding={branding} />
						<Route path="/jobs/:id" component={JobDetailPage} slug={slug} branding={branding} />
						<Route path="/estimates" component={EstimatesPage} slug={slug} branding={branding} />
						<Route path="/estimates/request" component={QuoteRequestPage} slug={slug} branding={branding} />
						<Route path="/estimates/:id" component={EstimateDetailPage} slug={slug} branding={branding} />
						<Route path="/invoices" component={InvoicesPage} slug={slug} branding={branding} />
						<Route path="/invoices/:id" component={InvoiceDetailPage} slug={slug} branding={branding} />
						<Route path="/account" component={AccountPage} slug={slug} branding={branding} />
						<Route path="/profile" component={ProfilePage} slug={slug} branding={branding} />
						<Route path="/documents" component={DocumentsPage} slug={slug} branding={branding} />
					</AreaRouter>
					<OutboxSender slug={slug} />
				</>
			)}
		</TenantShell>
	);
}
