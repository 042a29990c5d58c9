// Set for the e2e-split jest project: startFullApp splits the app across two apps and RabbitMQ.
process.env.TEST_TOPOLOGY = 'split';
