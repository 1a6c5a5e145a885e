"""ACL admin APIs against samsa with real clients: confluent-kafka's AdminClient and kafka-python's
KafkaAdminClient (CreateAcls, DescribeAcls, DeleteAcls), `samsa acls` (kafka-acls' flags and output), ACLs kept
across a restart, and SECURITY_DISABLED without an authorizer."""
import os

import pytest
from confluent_kafka import KafkaException
from confluent_kafka.admin import (AclBinding, AclBindingFilter, AclOperation, AclPermissionType, AdminClient,
                                   ResourcePatternType, ResourceType)
from kafka.admin import ACL, ACLFilter, ACLOperation, ACLPermissionType, KafkaAdminClient, ResourcePattern
from kafka.admin import ResourcePatternFilter
from kafka.admin import ResourceType as KPResourceType
from kafka.admin import ACLResourcePatternType

from conftest import Server, samsa

AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer"


@pytest.fixture
def secured():
    """A server with Kafka's StandardAuthorizer; the anonymous plaintext admin is a super user."""
    server = Server()
    props = server.data_dir + "-server.properties"
    with open(props, "w") as f:
        f.write(f"authorizer.class.name={AUTHORIZER}\nsuper.users=User:ANONYMOUS\nallow.everyone.if.no.acl.found=true\n")
    server.extra = ["--config", props]
    server.start()
    yield server
    server.cleanup()
    os.remove(props)


def test_confluent_create_describe_delete(secured):
    admin = AdminClient({"bootstrap.servers": secured.bootstrap})
    read = AclBinding(ResourceType.TOPIC, "orders", ResourcePatternType.LITERAL, "User:alice", "*",
                      AclOperation.READ, AclPermissionType.ALLOW)
    write = AclBinding(ResourceType.TOPIC, "ord", ResourcePatternType.PREFIXED, "User:bob", "*",
                       AclOperation.WRITE, AclPermissionType.DENY)
    for future in admin.create_acls([read, write]).values():
        future.result(30)
    everything = AclBindingFilter(ResourceType.ANY, None, ResourcePatternType.ANY, None, None,
                                  AclOperation.ANY, AclPermissionType.ANY)
    assert set(admin.describe_acls(everything).result(30)) == {read, write}
    match = AclBindingFilter(ResourceType.TOPIC, "orders", ResourcePatternType.MATCH, None, None,
                             AclOperation.ANY, AclPermissionType.ANY)
    assert set(admin.describe_acls(match).result(30)) == {read, write}
    bob = AclBindingFilter(ResourceType.ANY, None, ResourcePatternType.ANY, "User:bob", None,
                           AclOperation.ANY, AclPermissionType.ANY)
    deleted = admin.delete_acls([bob])[bob].result(30)
    assert deleted == [write]
    assert admin.describe_acls(everything).result(30) == [read]

    invalid = AclBinding(ResourceType.BROKER, "other", ResourcePatternType.LITERAL, "User:alice", "*",
                         AclOperation.ALTER, AclPermissionType.ALLOW)
    with pytest.raises(KafkaException) as refused:
        admin.create_acls([invalid])[invalid].result(30)
    assert "The only valid name for the CLUSTER resource is kafka-cluster" in str(refused.value)


def test_kafka_python_create_describe_delete(secured):
    admin = KafkaAdminClient(bootstrap_servers=secured.bootstrap)
    try:
        acl = ACL(principal="User:carol", host="*", operation=ACLOperation.DESCRIBE,
                  permission_type=ACLPermissionType.ALLOW,
                  resource_pattern=ResourcePattern(KPResourceType.GROUP, "app-", ACLResourcePatternType.PREFIXED))
        result = admin.create_acls([acl])
        assert result["failed"] == [] and len(result["succeeded"]) == 1
        flt = ACLFilter(principal=None, host=None, operation=ACLOperation.ANY, permission_type=ACLPermissionType.ANY,
                        resource_pattern=ResourcePatternFilter(KPResourceType.GROUP, None, ACLResourcePatternType.ANY))
        acls, error = admin.describe_acls(flt)
        assert [(a.principal, a.resource_pattern.resource_name, a.operation) for a in acls] == \
            [("User:carol", "app-", ACLOperation.DESCRIBE)]
        deleted = admin.delete_acls([flt])
        assert len(deleted[0][1]) == 1
        assert admin.describe_acls(flt)[0] == []
    finally:
        admin.close()


def test_samsa_acls_add_list_remove_and_restart(secured):
    added = samsa("acls", "--bootstrap-server", secured.bootstrap, "--add", "--allow-principal", "User:alice",
                  "--operation", "read", "--operation", "Describe", "--topic", "orders").stdout
    assert added.startswith("Adding ACLs for resource "
                            "`ResourcePattern(resourceType=TOPIC, name=orders, patternType=LITERAL)`: \n \t")
    assert "(principal=User:alice, host=*, operation=READ, permissionType=ALLOW)" in added
    samsa("acls", "--bootstrap-server", secured.bootstrap, "--add", "--allow-principal", "User:bob", "--consumer",
          "--topic", "logs", "--group", "readers")

    secured.stop()
    secured.start()

    listed = samsa("acls", "--bootstrap-server", secured.bootstrap, "--list", "--topic", "orders").stdout
    assert listed == ("Current ACLs for resource `ResourcePattern(resourceType=TOPIC, name=orders, patternType=LITERAL)`: \n"
                      " \t(principal=User:alice, host=*, operation=DESCRIBE, permissionType=ALLOW)\n"
                      "\t(principal=User:alice, host=*, operation=READ, permissionType=ALLOW) \n\n")
    everything = samsa("acls", "--bootstrap-server", secured.bootstrap, "--list", "--principal", "User:bob").stdout
    assert everything.startswith("ACLs for principal `User:bob`\n")
    assert "name=readers, patternType=LITERAL" in everything and "name=orders" not in everything

    refused = samsa("acls", "--bootstrap-server", secured.bootstrap, "--remove", "--topic", "orders", input="",
                    check=False)
    assert refused.returncode != 0 and "--force" in refused.stdout + refused.stderr
    asked = samsa("acls", "--bootstrap-server", secured.bootstrap, "--remove", "--topic", "orders", input="y\n").stdout
    assert "Are you sure you want to delete all ACLs for resource filter " \
           "`ResourcePatternFilter(resourceType=TOPIC, name=orders, patternType=LITERAL)`? (y/n)" in asked
    samsa("acls", "--bootstrap-server", secured.bootstrap, "--remove", "--force", "--group", "readers")
    left = samsa("acls", "--bootstrap-server", secured.bootstrap, "--list").stdout
    assert "name=orders" not in left and "name=readers" not in left and "name=logs" in left


def test_without_an_authorizer_the_apis_answer_security_disabled(server):
    admin = KafkaAdminClient(bootstrap_servers=server.bootstrap)
    try:
        flt = ACLFilter(principal=None, host=None, operation=ACLOperation.ANY, permission_type=ACLPermissionType.ANY,
                        resource_pattern=ResourcePatternFilter(KPResourceType.ANY, None, ACLResourcePatternType.ANY))
        with pytest.raises(Exception) as refused:
            admin.describe_acls(flt)
        assert type(refused.value).__name__ == "SecurityDisabledError"
        assert "No Authorizer is configured on the broker" in str(refused.value)
    finally:
        admin.close()
    # librdkafka drops DescribeAcls' top-level error and answers an empty list; CreateAcls' per-creation error shows.
    confluent = AdminClient({"bootstrap.servers": server.bootstrap})
    acl = AclBinding(ResourceType.TOPIC, "t", ResourcePatternType.LITERAL, "User:a", "*", AclOperation.READ,
                     AclPermissionType.ALLOW)
    with pytest.raises(KafkaException) as created:
        confluent.create_acls([acl])[acl].result(30)
    assert "No Authorizer is configured." in str(created.value)
    result = samsa("acls", "--bootstrap-server", server.bootstrap, "--list", check=False)
    assert result.returncode == 1 and "No Authorizer is configured on the broker" in result.stdout
