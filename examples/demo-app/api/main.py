import os

DATABASE_URL = os.environ["DATABASE_URL"]
# A default used when the variable is missing: a weak, committed credential.
ADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD", "admin123")


def main() -> None:
    print("demo api on", DATABASE_URL.split("@")[-1])


if __name__ == "__main__":
    main()
