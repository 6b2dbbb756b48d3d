import { lazy, Route } from "preact-iso";
import { AreaRouter } from "../shared/auth/AreaRouter";
import { TenantShell } from "../shared/TenantShell";
import { PortalHome } from "./PortalHome";
import "./portal.css";

// Each page beyond home is its own chunk, so the portal's first load stays small.
const BookingPage = lazy(() => import("./booking/BookingPage").then((m) => m.BookingPage));
const JobsPage = lazy(() => import("./jobs/JobsPage").then((m) => m.JobsPage));
const JobDetailPage = lazy(() => import("./jobs/JobDetailPage").then((m) => m.JobDetailPage));

type Props = { slug: string };

export function PortalApp({ slug }: Props) {
	return (
		<TenantShell slug={slug} area="Customer portal">
			{(branding) => (
				<AreaRouter area="c" slug={slug} tenantName={branding.name}>
					<Route path="/" component={PortalHome} slug={slug} branding={branding} />
					<Route path="/book" component={BookingPage} slug={slug} branding={branding} />
					<Route path="/jobs" component={JobsPage} slug={slug} branding={branding} />
					<Route path="/jobs/:id" component={JobDetailPage} slug={slug} branding={branding} />
				</AreaRouter>
			)}
		</TenantShell>
	);
}
