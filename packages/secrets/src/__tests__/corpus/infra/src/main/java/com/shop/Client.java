package com.shop;

public class Client {
    private static final String PASSWORD_PARAM = "password";
    private static final String API_SECRET = "J4va-Api-S3cret-Xq9";
    private final String token = System.getenv("API_TOKEN");
    public String conn() {
        return "Server=db;Database=orders;User Id=sa;Password=Sql-Srv-Pw-831;";
    }
}
