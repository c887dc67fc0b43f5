// Builds src/einfluence/figures/js/plotly.min.js: plotly.js with only the trace types listed in
// src/einfluence/figures/js/bundle.json (the single list; einfluence's Python side reads it too).
// Usage (Node.js 20+, from this folder): npm ci && npm run build
'use strict';
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const { environmentPlugin } = require('esbuild-plugin-environment');
const { glsl } = require('esbuild-plugin-glsl');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');

const target = path.join(__dirname, '..', '..', 'src', 'einfluence', 'figures', 'js');
const spec = JSON.parse(fs.readFileSync(path.join(target, 'bundle.json'), 'utf8'));
const installed = require('plotly.js/package.json').version;
if (installed !== spec['plotly.js']) {
    throw new Error(`bundle.json asks for plotly.js ${spec['plotly.js']}, ${installed} is installed: edit package.json`);
}
// scatter is always part of plotly.js's core; the others are registered like plotly.js's own
// partial bundles (lib/index-*.js) do
const traces = spec.traces.filter((name) => name !== 'scatter');
const entry = "'use strict';\nvar Plotly = require('plotly.js/lib/core');\n" +
    `Plotly.register([${traces.map((name) => `require('plotly.js/lib/${name}')`).join(', ')}]);\n` +
    'module.exports = Plotly;\n';

esbuild.build({
    // plotly.js's own esbuild configuration (esbuild-config.js of its repository), minified
    stdin: { contents: entry, resolveDir: __dirname, sourcefile: 'einfluence-plotly.js' },
    outfile: path.join(target, 'plotly.min.js'),
    format: 'iife', globalName: 'Plotly', bundle: true, minify: true, sourcemap: false,
    plugins: [InlineCSSPlugin(), glsl({ minify: true }), environmentPlugin({ NODE_DEBUG: false })],
    alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
    define: { global: 'window', 'define.amd': 'false' },
    target: 'es2016', legalComments: 'eof', logLevel: 'warning',
    banner: { js: `/*! plotly.js ${installed} (MIT, Plotly, Inc.), partial bundle for einfluence: ` +
                  `${spec.traces.join(', ')}. Licences of the bundled packages at the end. */` },
}).then(() => console.log(`wrote ${path.join(target, 'plotly.min.js')}`));
