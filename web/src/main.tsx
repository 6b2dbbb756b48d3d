import { render } from "preact";
import { App } from "./App";
import "./shared/styles.css";

const root = document.getElementById("app");
if (root) render(<App />, root);
