import { ErrorBoundary, LocationProvider, lazy, Route, Router } from "preact-iso";
import { Home } from "./Home";
import { PortalApp } from "./portal/PortalApp";
import { NotFoundPage } from "./shared/NotFoundPage";

// The customer portal is in the first load: customers open it on phones, often from an email,
// and a chunk of its own would be one more round trip before their page. Its pages beyond home,
// and the other apps, are chunks of their own.
const ConsoleApp = lazy(() => import("./console/ConsoleApp").then((m) => m.ConsoleApp));
const TechnicianApp = lazy(() => import("./technician/TechnicianApp").then((m) => m.TechnicianApp));
const StartApp = lazy(() => import("./start/StartApp").then((m) => m.StartApp));
const TrackPage = lazy(() => import("./track/TrackPage").then((m) => m.TrackPage));
// Answered only in development (the Worker 404s /dev/* elsewhere), and never in a first load.
const UiGallery = lazy(() => import("./shared/ui/gallery/UiGallery").then((m) => m.UiGallery));

export function App() {
	return (
		<LocationProvider>
			<ErrorBoundary>
				<Router>
					<Route path="/" component={Home} />
					<Route path="/c/:slug/*" component={PortalApp} />
					<Route path="/c/:slug" component={PortalApp} />
					<Route path="/d/:slug/*" component={ConsoleApp} />
					<Route path="/d/:slug" component={ConsoleApp} />
					<Route path="/t/:slug/*" component={TechnicianApp} />
					<Route path="/t/:slug" component={TechnicianApp} />
					<Route path="/track/:token" component={TrackPage} />
					<Route path="/start/*" component={StartApp} />
					<Route path="/start" component={StartApp} />
					<Route path="/dev/ui" component={UiGallery} />
					<Route default component={NotFoundPage} />
				</Router>
			</ErrorBoundary>
		</LocationProvider>
	);
}
