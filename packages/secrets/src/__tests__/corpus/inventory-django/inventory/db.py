import psycopg2

def connect():
    return psycopg2.connect(host='db', user='reporting', password='R3p0rt1ng-Xk39')
