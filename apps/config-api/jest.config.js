const base = require('../../jest.preset.js').projectConfig(
  __dirname,
  process.env.TEST_TIER || 'unit',
);

// @fastify/static (which serves Swagger UI at /docs) requires content-disposition 3, an
// ES module that Node 20 loads with require() but Jest does not: it is compiled to CommonJS
// for the tests so the real /docs route is exercised.
module.exports = {
  ...base,
  transform: {
    ...base.transform,
    'node_modules/content-disposition/.+\\.js$': [
      '@swc/jest',
      { module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
};
