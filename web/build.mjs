// Bundles the source editor (CodeMirror) into the file gongwen embeds. The bundle is
// committed, so building gongwen needs no Node.js; CI rebuilds it to a temporary file and
// compares, so the committed bundle is always what these sources give.
//   node build.mjs [OUTFILE]   (default: ../src/serve/assets/editor.js)
import { build } from "esbuild";

const outfile = process.argv[2] || new URL("../src/serve/assets/editor.js", import.meta.url).pathname;
await build({
  entryPoints: [new URL("src/editor.js", import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "GongwenEditor",
  legalComments: "eof",
  outfile,
  logLevel: "warning",
});
