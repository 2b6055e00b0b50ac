// The "default" jest project: the dev config's slugs (see dev/testSlugs.ts and jest.config.js).
process.env.TEST_SLUGS = 'default'
