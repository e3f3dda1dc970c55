module.exports = require('../../jest.preset.js').projectConfig(
  __dirname,
  process.env.TEST_TIER || 'unit',
);
