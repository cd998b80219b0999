import packageJson from '../../package.json' with { type: 'json' };

/** The version every manifest records as the software that rendered it (package.json). */
export const SOFTWARE_VERSION: string = packageJson.version;
