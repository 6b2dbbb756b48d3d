import { FileText, House, ListChecks, Plus } from "lucide";
import { lazy, Route } from "preact-iso";
import { AreaNav, type NavLink } from "../shared/auth/AreaNav";
import { AreaRouter } from "../shared/auth/AreaRouter";
import type { Me } from "../shared/auth/session";
import type { Branding } from "../shared/branding";
import { t } from "../shared/i18n/i18n";
import { TenantShell } from "../shared/TenantShell";
import { AccountMenu } from "./AccountMenu";
import { bookLabel, canBook, portalPath } from "./customerApi";
import { PortalHome } from "./PortalHome";
import "./portal.css";

// Each page beyond home is its own chunk, so the portal's first load stays small.
const BookingPage = lazy(() => import("./booking/BookingPage").then((m) => m.BookingPage));
const JobsPage = lazy(() => import("./jobs/JobsPage").then((m) => m.JobsPage));
const JobDetailPage = lazy(() => import("./jobs/JobDetailPage").then((m) => m.JobDetailPage));
const EstimatesPage = lazy(() => import("./estimates/EstimatesPage").then((m) => m.EstimatesPage));
const EstimateDetailPage = lazy(() =>
	import("./estimates/EstimateDetailPage").then((m) => m.EstimateDetailPage),
);
const QuoteRequestPage = lazy(() => import("./estimates/QuoteRequestPage").then((m) => m.QuoteRequestPage));

type Props = { slug: string };

/** Home, history, estimates, and booking for those whose role may book (the first of the tenant's job kinds). */
const portalNav =
	(slug: string, branding: Branding) =>
	(me: Me): NavLink[] => {
		const links: NavLink[] = [
			{ href: portalPath(slug), label: t("portal.nav.home"), icon: House },
			{ href: portalPath(slug, "/jobs"), label: t("portal.jobs.title"), icon: ListChecks },
			{ href: portalPath(slug, "/estimates"), label: t("portal.nav.estimates"), icon: FileText },
		];
		const kind = branding.jobKinds[0];
		if (kind && canBook(me.role))
			links.push({ href: portalPath(slug, "/book"), label: bookLabel(kind).link, icon: Plus });
		return links;
	};

export function PortalApp({ slug }: Props) {
	return (
		<TenantShell
			slug={slug}
			area={t("portal.area")}
			installable="c"
			headerEnd={() => <AccountMenu slug={slug} />}
			nav={(branding) => <AreaNav area="c" slug={slug} links={portalNav(slug, branding)} />}
		>
			{(branding) => (
				<AreaRouter area="c" slug={slug} tenantName={branding.name} bare>
					<Route path="/" component={PortalHome} slug={slug} branding={branding} />
					<Route path="/book" component={BookingPage} slug={slug} branding={branding} />
					<Route path="/jobs" component={JobsPage} slug={slug} branding={branding} />
					<Route path="/jobs/:id" component={JobDetailPage} slug={slug} branding={branding} />
					<Route path="/estimates" component={EstimatesPage} slug={slug} branding={branding} />
					<Route path="/estimates/request" component={QuoteRequestPage} slug={slug} branding={branding} />
					<Route path="/estimates/:id" component={EstimateDetailPage} slug={slug} branding={branding} />
				</AreaRouter>
			)}
		</TenantShell>
	);
}
