import { render } from "preact";
import { App } from "./App";
import { startFirstLoad } from "./firstLoad";
import { registerServiceWorker } from "./shared/offline/serviceWorker";
import "./shared/styles.css";

startFirstLoad(location.pathname);
const root = document.getElementById("app");
if (root) render(<App />, root);
// After the first paint: the service worker's install fetches the whole app shell.
window.addEventListener("load", () => void registerServiceWorker(), { once: true });
