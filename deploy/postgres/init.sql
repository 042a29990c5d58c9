-- The notifications process keeps a database of its own: it shares nothing with the others but the broker.
CREATE DATABASE notifications;
