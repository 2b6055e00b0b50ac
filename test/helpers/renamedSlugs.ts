// The "renamed" jest project: every plugin collection under another slug (see dev/testSlugs.ts and jest.config.js).
process.env.TEST_SLUGS = 'renamed'
