#!/usr/bin/python3
"""A partner agency's client in another language: Python with Debian's grpcio and
stubs generated from proto/ alone (no C++ code involved). It registers a household,
reads it back, reads a bad request's field violations from the standard
grpc-status-details-bin trailer, and checks the service's health.

usage: partner_client.py --stubs DIR --target HOST:PORT --token JWT [--ca-file PEM]
"""
import argparse
import sys
import uuid


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stubs", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--ca-file", help="PEM of the CA the gateway's certificate is signed by: TLS")
    args = parser.parse_args()
    sys.path.insert(0, args.stubs)

    import grpc
    from adoption.recruitment.v1 import household_pb2, recruitment_service_pb2, recruitment_service_pb2_grpc
    from google.rpc import error_details_pb2, status_pb2
    from health.v1 import health_pb2, health_pb2_grpc

    if args.ca_file:
        with open(args.ca_file, "rb") as ca:
            channel = grpc.secure_channel(args.target, grpc.ssl_channel_credentials(root_certificates=ca.read()))
    else:
        channel = grpc.insecure_channel(args.target)
    metadata = [("authorization", "Bearer " + args.token)]
    stub = recruitment_service_pb2_grpc.RecruitmentServiceStub(channel)

    household = household_pb2.Household(
        family_structure=household_pb2.FAMILY_STRUCTURE_COUPLE_SAME_SEX,
        home_local_authority="E08000018",
    )
    household.enquiry_date.year, household.enquiry_date.month, household.enquiry_date.day = 2025, 6, 2
    for given, family in (("Chris", "Ng"), ("Sam", "Ng")):
        applicant = household.applicants.add()
        applicant.person.given_name, applicant.person.family_name = given, family
    created = stub.CreateHousehold(
        recruitment_service_pb2.CreateHouseholdRequest(household=household, request_id=str(uuid.uuid4())),
        metadata=metadata, timeout=10)
    assert created.status == household_pb2.HOUSEHOLD_STATUS_ENQUIRY, created
    got = stub.GetHousehold(recruitment_service_pb2.GetHouseholdRequest(name=created.name),
                            metadata=metadata, timeout=10)
    assert [a.person.given_name for a in got.applicants] == ["Chris", "Sam"], got

    # Bad input: INVALID_ARGUMENT with google.rpc.BadRequest in the details trailer.
    try:
        stub.CreateHousehold(recruitment_service_pb2.CreateHouseholdRequest(request_id="py-bad"),
                             metadata=metadata, timeout=10)
        print("expected INVALID_ARGUMENT")
        return 1
    except grpc.RpcError as error:
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error
        details = dict(error.trailing_metadata()).get("grpc-status-details-bin")
        status = status_pb2.Status.FromString(details)
        bad_request = error_details_pb2.BadRequest()
        assert status.details[0].Unpack(bad_request)
        fields = [v.field for v in bad_request.field_violations]
        assert "household" in fields, fields

    health = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
    assert health.status == health_pb2.HealthCheckResponse.SERVING, health
    print("OK", created.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
