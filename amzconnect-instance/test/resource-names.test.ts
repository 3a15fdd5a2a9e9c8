import { connectInstanceAliasProblem, environmentQualifiedName, s3BucketNameProblem } from '../lib';

describe('environmentQualifiedName', () => {
  it('appends environment and Region and lowercases', () => {
    // Act
    const name = environmentQualifiedName('ACME-Connect', 'develop', 'us-east-1');

    // Assess
    expect(name).toBe('acme-connect-develop-us-east-1');
  });
});

describe('connectInstanceAliasProblem', () => {
  it('accepts the sample alias', () => {
    expect(connectInstanceAliasProblem('acme-develop-us-east-1')).toBeUndefined();
  });

  it('reports an alias longer than 45 characters with how much to cut', () => {
    // Prepare
    const alias = environmentQualifiedName('acme-contact-center-north-america', 'develop', 'us-east-1');

    // Act
    const problem = connectInstanceAliasProblem(alias);

    // Assess
    expect(problem).toBe(
      `gives the instance alias "acme-contact-center-north-america-develop-us-east-1" (51 characters), longer than Amazon Connect's 45; shorten the base name by at least 6 characters.`,
    );
  });

  it('reports the reserved "d-" prefix', () => {
    expect(connectInstanceAliasProblem('d-develop-us-east-1')).toBe(
      'gives the instance alias "d-develop-us-east-1", which starts with "d-" (reserved for directory ids); choose a base name that does not start with "d-".',
    );
  });

  it('reports characters Connect rejects', () => {
    expect(connectInstanceAliasProblem('acme_cc-develop-us-east-1')).toBe(
      'gives the instance alias "acme_cc-develop-us-east-1", which Amazon Connect rejects; use only letters, digits and hyphens, starting and ending with a letter or digit.',
    );
  });
});

describe('s3BucketNameProblem', () => {
  it('accepts the sample bucket name', () => {
    expect(s3BucketNameProblem('acme-connect-storage-develop-us-east-1')).toBeUndefined();
  });

  it('reports a name longer than 63 characters with how much to cut', () => {
    // Prepare
    const name = environmentQualifiedName(
      'acme-connect-call-recordings-and-transcripts',
      'staging',
      'ap-southeast-2',
    );

    // Act
    const problem = s3BucketNameProblem(name);

    // Assess
    expect(problem).toBe(
      `gives the bucket name "acme-connect-call-recordings-and-transcripts-staging-ap-southeast-2" (67 characters), longer than Amazon S3's 63; shorten the base name by at least 4 characters.`,
    );
  });

  it('rejects dots, which break TLS for virtual-hosted-style requests', () => {
    expect(s3BucketNameProblem('acme.connect-develop-us-east-1')).toBe(
      'gives the bucket name "acme.connect-develop-us-east-1", which contains "."; use hyphens instead (dotted names break TLS for virtual-hosted-style requests).',
    );
  });

  it('rejects characters S3 does not allow', () => {
    expect(s3BucketNameProblem('-acme-develop-us-east-1')).toBe(
      'gives the bucket name "-acme-develop-us-east-1", which Amazon S3 rejects; use only lowercase letters, digits and hyphens, starting and ending with a letter or digit.',
    );
  });

  it('rejects reserved prefixes', () => {
    expect(s3BucketNameProblem('xn--acme-develop-us-east-1')).toBe(
      'gives the bucket name "xn--acme-develop-us-east-1", which starts with the reserved prefix "xn--"; choose another base name.',
    );
  });

  it('rejects names shorter than 3 characters', () => {
    expect(s3BucketNameProblem('ab')).toBe(
      'gives the bucket name "ab", shorter than Amazon S3\'s 3 characters; use a longer base name.',
    );
  });
});
