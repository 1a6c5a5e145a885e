"""The workbench attached to a SASL_PLAINTEXT `samsa server` with StandardAuthorizer (`samsa tui
--bootstrap-server … --command-config FILE`), driven in tmux, as a user who may read a topic but not write it:
the topics pane shows only what the user may describe, and a record typed into the producer is refused in one
line naming the operation and the resource."""
import os
import tempfile

from conftest import Server, samsa

AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer"
JAAS = ('org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="admin-secret" '
        'user_admin="admin-secret" user_reader="reader-secret";')


def write(settings, prefix):
    fd, path = tempfile.mkstemp(prefix=prefix, suffix=".properties")
    with os.fdopen(fd, "w") as f:
        for key, value in settings.items():
            f.write(f"{key}={value}\n")
    return path


def client_config(user):
    return write({"security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "PLAIN", "sasl.username": user,
                  "sasl.password": f"{user}-secret"}, f"samsa-wb-{user}-")


def test_attached_as_a_read_only_user_a_refused_write_is_one_line(workbench_factory):
    server = Server(extra=["--config", write({
        "listeners": "SASL_PLAINTEXT://127.0.0.1:9092", "sasl.enabled.mechanisms": "PLAIN",
        "listener.name.sasl_plaintext.plain.sasl.jaas.config": JAAS, "authorizer.class.name": AUTHORIZER,
        "super.users": "User:admin"}, "samsa-wb-sasl-")])
    server.start()
    try:
        admin = client_config("admin")
        for topic in ("payments", "secret"):
            samsa("topics", "--create", "--topic", topic, "--bootstrap-server", server.bootstrap, "--command-config", admin)
        samsa("acls", "--bootstrap-server", server.bootstrap, "--command-config", admin, "--add",
              "--allow-principal", "User:reader", "--operation", "Read", "--topic", "payments")

        wb = workbench_factory("--command-config", client_config("reader"), attach=server.bootstrap)
        wb.wait_topic("payments")
        assert "secret" not in wb.topics(), "Metadata must leave out the topics the reader may not describe"
        wb.screen.wait_for("Produce → payments")
        wb.screen.keys("p")
        wb.screen.wait_for(lambda text: "Enter send" in wb.footer(text), what="the producer's key hints")
        wb.screen.type("not yours to write")
        wb.screen.wait_for("not yours to write▏", what="the typed text in the input")
        wb.screen.keys("Enter")
        wb.screen.wait_for("Not authorized to Write to topic payments (TOPIC_AUTHORIZATION_FAILED).", 60)
        wb.screen.keys("Escape")
        wb.screen.wait_for(lambda text: "Enter send" not in wb.footer(text), what="the producer left")
        wb.screen.keys("q")
        assert wb.screen.wait_exit() == 0
    finally:
        server.cleanup()
