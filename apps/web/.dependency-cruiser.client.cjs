const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

/** The files of app/ and lib/ whose first statement is the directive `use <side>`. */
const filesUsing = (side) =>
  ['app', 'lib'].flatMap((room) =>
    readdirSync(join(__dirname, room), { recursive: true })
      .map((file) => join(room, String(file)))
      .filter((file) => /\.tsx?$/.test(file))
      .filter((file) =>
        new RegExp(`^\\s*['"]use ${side}['"]`).test(readFileSync(join(__dirname, file), 'utf8')),
      ),
  );
const exactly = (file) => `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;

/**
 * What client components may reach, checked by `pnpm lint` beside .dependency-cruiser.cjs: a
 * 'use client' file runs in browsers, so no chain of its imports reaches lib/server — except
 * through a Server Action ('use server'), which Next replaces by a call to the server, so the
 * imports of those files are not followed here.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'client-components-off-the-server',
      comment:
        "A 'use client' file runs in browsers: no chain of its imports reaches lib/server, short of a Server Action.",
      severity: 'error',
      from: { path: filesUsing('client').map(exactly) },
      to: { path: '^lib/server/', reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', ...filesUsing('server').map(exactly)] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
