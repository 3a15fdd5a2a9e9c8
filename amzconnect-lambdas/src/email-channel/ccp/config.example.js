// Copy to config.js next to index.html and fill in for your environment (see README.md).
window.EMAIL_CCP_CONFIG = {
  // The instance's CCP: https://<instance-alias>.my.connect.aws/ccp-v2/
  ccpUrl: 'https://acme-develop.my.connect.aws/ccp-v2/',
  // The instance's Region.
  region: 'us-east-1',
  // The channel's domain (config/workloads/email-channel.json "domain").
  mailDomain: 'mail.example.com',
};
